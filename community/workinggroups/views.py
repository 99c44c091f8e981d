"""A member asks to join a working group of a product."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from home.i18n import localized_path
from products.models import ProductPage

from .. import ratelimit
from . import emails, services
from .forms import GroupRequestForm
from .models import WorkingGroup


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
                return redirect(f"{product_url}#arbejdsgrupper")
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
