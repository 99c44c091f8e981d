"""A member asks to join a working group of a product, withdraws that request while it is open, or
leaves a group they sit in. Leaving asks for confirmation first; withdrawing says plainly what happened,
as the person can ask again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from home.i18n import localized_path
from products.models import ProductPage

from .. import ratelimit
from . import emails, services
from .admin import sync_contact_role
from .forms import GroupRequestForm
from .listing import groups_url
from .models import WorkingGroup, WorkingGroupRequest


def _back_url(request, group):
    """Where the person came from (Min side, a product's tab), else where the product shows its groups."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return groups_url(request, group.product)


@login_required
def request_to_join(request, pk):
    group = get_object_or_404(
        WorkingGroup.objects.select_related("product"),
        pk=pk,
        product__in=ProductPage.objects.visible_to_public(),
    )
    product_url = localized_path(group.product.get_url(request))
    problem = None
    try:
        services.check_can_request(group, request.user)
    except services.RequestError as error:
        problem = str(error)
    form = GroupRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and problem is None and form.is_valid():
        if not ratelimit.allow("working-group-request", request.user.pk):
            form.add_error(None, ratelimit.TOO_MANY)
            status = 429
        else:
            try:
                group_request = services.make_request(
                    group, request.user, form.cleaned_data["message"].strip()
                )
            except services.RequestError as error:
                problem = str(error)
            else:
                emails.request_received(group_request)
                messages.success(
                    request,
                    _(
                        "Tak. Din anmodning om at komme med i %(group)s er sendt. Du får svar på mail, "
                        "når den er behandlet."
                    )
                    % {"group": group.name},
                )
                return redirect(groups_url(request, group.product))
    if request.method == "POST" and status == 200 and (problem or not form.is_valid()):
        status = 400
    return TemplateResponse(
        request,
        "community/working_groups/request_form.html",
        {
            "group": group,
            "product": group.product,
            "product_url": product_url,
            "form": form,
            "problem": problem,
        },
        status=status,
    )


def _confirmed(request, template, context, problem, act):
    """What leaving and withdrawing share: the page asks first; the confirmation (limited in rate) runs
    `act`, which returns what to tell the person or raises RequestError, then goes back where they came
    from. A refusal stays on the page with its reason."""
    status = 200
    if request.method == "POST" and problem is None:
        if not ratelimit.allow("working-group-leave", request.user.pk):
            problem, status = str(ratelimit.TOO_MANY), 429
        else:
            try:
                done = act()
            except services.RequestError as error:
                problem = str(error)
            else:
                messages.success(request, done)
                return redirect(context["back_url"])
    if request.method == "POST" and problem and status == 200:
        status = 400
    return TemplateResponse(request, template, {**context, "problem": problem}, status=status)


@login_required
def leave(request, pk):
    """Asks "are you sure?", then gives up the person's seat and tells those who look after the group."""
    # A member can leave a group of a product that is no longer public; others see only public products.
    group = get_object_or_404(
        WorkingGroup.objects.select_related("product")
        .filter(Q(product__in=ProductPage.objects.visible_to_public()) | Q(members__user=request.user))
        .distinct(),
        pk=pk,
    )
    problem = None
    if not group.has_member(request.user):
        problem = _("Du er ikke medlem af %(group)s, så du kan ikke forlade gruppen.") % {"group": group.name}

    def act():
        departed = services.leave(group, request.user)
        if departed["was_contact"]:
            sync_contact_role()
        emails.member_left(group, departed)
        return _(
            "Du har forladt %(group)s. Gruppens kontaktperson og produktets koordinatorer har "
            "fået besked. Vil du med igen, kan du bede om det på produktets side."
        ) % {"group": group.name}

    context = {"group": group, "product": group.product, "back_url": _back_url(request, group)}
    return _confirmed(request, "community/working_groups/leave.html", context, problem, act)


@login_required
def withdraw(request, pk):
    """Takes back the person's own open request (a plain form on the product page and on Min side; the
    address on its own shows the same button on a page)."""
    group_request = (
        WorkingGroupRequest.objects.select_related("group__product", "organisation", "user")
        .filter(pk=pk, user=request.user)
        .first()
    )
    if group_request is None:
        # Someone else's request, or none at all: the same answer, so nothing is told about others.
        return TemplateResponse(
            request,
            "community/working_groups/withdraw.html",
            {"problem": _("Anmodningen findes ikke, eller den er ikke din.")},
            status=404,
        )
    group = group_request.group
    problem = None
    try:
        services.check_can_withdraw(group_request)
    except services.RequestError as error:
        problem = str(error)

    def act():
        emails.request_withdrawn(services.withdraw(group_request, request.user))
        return _(
            "Din anmodning om at komme med i %(group)s er trukket tilbage. Du kan bede om at "
            "komme med igen når som helst."
        ) % {"group": group.name}

    context = {
        "group_request": group_request,
        "group": group,
        "product": group.product,
        "back_url": _back_url(request, group),
    }
    return _confirmed(request, "community/working_groups/withdraw.html", context, problem, act)
