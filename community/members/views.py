from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.generic import RedirectView
from wagtail.images import get_image_model

from community.following.forms import followed_products
from community.workinggroups.listing import member_groups
from os2site.middleware import has_admin_access
from products.models import ProductPage

from .. import ratelimit
from . import personal_data
from .forms import DeleteAccountForm, OrganisationProfileForm
from .models import Affiliation, Organisation, approved_organisation


class AdminLogin(RedirectView):
    """The admin's login page hands over to the site's login page (one login path), keeping ?next=.
    A signed-in person without admin access is sent to their own page with a plain Danish notice."""

    pattern_name = "account_login"
    query_string = True

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            # Wagtail queued its own, untranslated notice; reading the queue drops it.
            list(messages.get_messages(request))
            messages.warning(request, _("Din konto har ikke adgang til administrationen."))
            return redirect("my_page")
        return super().get(request, *args, **kwargs)


def organisation_detail(request, slug):
    """An organisation's public profile: who they are, what they use and what they supply."""

    organisation = get_object_or_404(Organisation.objects.select_related("logo"), slug=slug)
    visible = ProductPage.objects.visible_to_public()
    joinings = (
        organisation.joining_agreements.filter(product__in=visible)
        .select_related("product")
        .order_by("product__title")
    )
    supplies = (
        organisation.supplied_products.filter(product__in=visible)
        .select_related("product")
        .order_by("product__title")
    )
    return TemplateResponse(
        request,
        "community/organisation_detail.html",
        {
            "organisation": organisation,
            "meta_object": organisation,
            "joinings": joinings,
            "supplies": supplies,
            "agreements": organisation.agreements.all(),
            # One query: the ideas the organisation submitted that every visitor may see.
            "ideas": organisation.ideas.public().select_related("state").order_by("-submitted_at")[:20],
            "can_edit": approved_organisation(request.user) == organisation,
        },
    )


@login_required
def my_page(request):
    """The signed-in person's own page: account, affiliation status, their organisation, the products
    they follow, and the working groups they sit in or have asked to join."""
    affiliation = Affiliation.objects.filter(user=request.user).select_related("organisation").first()
    return TemplateResponse(
        request,
        "community/my_page.html",
        {
            "affiliation": affiliation,
            "email_addresses": EmailAddress.objects.filter(user=request.user).order_by("-primary", "email"),
            "product_follows": followed_products(request.user),
            "working_groups": member_groups(request),
        },
    )


@login_required
def organisation_edit(request, slug):
    """An approved member edits their own organisation's profile. Changes are public at once; each save
    is a revision in the admin's history, so the secretariat sees who changed what and can revert."""
    organisation = get_object_or_404(Organisation.objects.select_related("logo"), slug=slug)
    if approved_organisation(request.user) != organisation:
        raise PermissionDenied(
            _("Kun godkendte medarbejdere hos %(organisation)s kan redigere organisationens profil.")
            % {"organisation": organisation.name}
        )
    form = OrganisationProfileForm(request.POST or None, request.FILES or None, instance=organisation)
    status = 200
    if request.method == "POST" and form.is_valid() and not ratelimit.allow_request("profile-edit", request):
        form.add_error(None, ratelimit.TOO_MANY)
        status = 429
    elif request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation = form.save(commit=False)
            if form.cleaned_data.get("new_logo"):
                organisation.logo = _save_logo(form.cleaned_data["new_logo"], organisation, request.user)
            elif form.cleaned_data.get("remove_logo"):
                organisation.logo = None
            organisation.save()
            organisation.save_revision(user=request.user, log_action=True)
        messages.success(request, _("Profilen er gemt og vises nu på siden."))
        return redirect(organisation.get_absolute_url())
    return TemplateResponse(
        request,
        "community/organisation_edit.html",
        {"organisation": organisation, "form": form},
        status=status,
    )


def _save_logo(uploaded, organisation, user):
    image = get_image_model()(
        title=_("Logo: %(organisation)s") % {"organisation": organisation.name},
        file=uploaded,
        uploaded_by_user=user,
    )
    image._set_image_file_metadata()
    image.save()
    return image


@login_required
def my_data(request):
    """Everything the site keeps about the signed-in person, as a JSON file to download."""
    response = HttpResponse(
        personal_data.export_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mine-data-os2.json"'
    return response


@login_required
def delete_account(request):
    """The person deletes their account after typing their password; what is deleted and what OS2 keeps
    is explained on the page (see community.members.personal_data)."""
    if has_admin_access(request.user):
        # Editors' accounts carry workflow and review history in the admin; the secretariat removes them.
        return TemplateResponse(
            request, "community/account_delete.html", {"form": None, "admin_account": True}
        )
    form = DeleteAccountForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST" and not ratelimit.allow_request("account-delete", request):
        form.add_error(None, ratelimit.TOO_MANY)
        status = 429
    elif request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        personal_data.delete_account(user)
        messages.success(request, _("Din konto er slettet. Tak for din tid i OS2-fællesskabet."))
        return redirect("/")
    return TemplateResponse(request, "community/account_delete.html", {"form": form}, status=status)
