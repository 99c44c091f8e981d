"""What the members domain registers with Wagtail: the secretariat's screens for organisations and
member accounts (approve or reject, with a mail to the person), and the front page's member counts."""

from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.models import PageViewRestriction
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from os2site.middleware import has_admin_access

from ..private_files import with_permission
from . import emails
from .models import (
    Affiliation,
    AffiliationStatus,
    Agreement,
    Organisation,
    approved_organisation,
    awaits_approval,
)


class AffiliationAdminForm(WagtailAdminModelForm):
    """Choosing "Godkendt" or "Afvist" records who decided and when, and e-mails the person. A rejection
    needs a reason: the person reads it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_status = self.instance.status if self.instance.pk else None

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == AffiliationStatus.REJECTED
            and not (cleaned.get("rejection_reason") or "").strip()
        ):
            self.add_error(
                "rejection_reason",
                forms.ValidationError(
                    gettext_lazy("Skriv en begrundelse. Personen får den at se i e-mailen om afvisningen."),
                    code="required",
                ),
            )
        return cleaned

    @property
    def decided(self):
        status = self.cleaned_data.get("status")
        return status != self.original_status and status in (
            AffiliationStatus.APPROVED,
            AffiliationStatus.REJECTED,
        )

    def save(self, commit=True):
        affiliation = super().save(commit=False)
        if self.decided:
            affiliation.decide(
                affiliation.status, self.for_user, self.cleaned_data.get("rejection_reason", "")
            )
        if commit:
            affiliation.save()
            self.save_m2m()
            if self.decided:
                emails.account_decided(affiliation)
        return affiliation


class AffiliationPermissionPolicy(ModelPermissionPolicy):
    """Member accounts start at signup, where the person proves their address; the secretariat decides
    on them but does not create them by hand (there is no password or address to set here)."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Affiliation, AffiliationPermissionPolicy(Affiliation))


@hooks.register("home_page_counts")
def member_counts(request):
    public, partners = Organisation.objects.member_counts()
    return [
        {"number": public, "label": _("offentlige medlemmer"), "order": 10},
        {"number": partners, "label": _("leverandørpartnere"), "order": 20},
    ]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = gettext_lazy("Organisationer")
    list_display = ["name", "kind", "region", "member_since", "is_member"]
    list_filter = ["kind", "region", "is_member", "municipality_size"]
    search_fields = ["name", "description"]
    list_export = [
        "name",
        "kind",
        "region",
        "cvr",
        "ean",
        "website",
        "member_since",
        "is_member",
        "municipality_size",
        "contact_name",
        "contact_email",
    ]
    export_filename = "organisationer"
    copy_view_enabled = False


class AffiliationViewSet(SnippetViewSet):
    """Where the secretariat approves or rejects the people who ask to act for an organisation."""

    model = Affiliation
    icon = "user"
    menu_label = gettext_lazy("Medlemskonti")
    list_display = [
        "person",
        "organisation",
        "job_title",
        BooleanColumn("email_verified", label=gettext_lazy("E-mail bekræftet")),
        "status",
        "requested_at",
        "decided_at",
    ]
    list_filter = ["status", "organisation__kind"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "organisation__name"]
    list_export = [
        "person",
        "organisation",
        "job_title",
        "status",
        "requested_at",
        "decided_at",
        "decided_by",
    ]
    export_filename = "medlemskonti"

    def get_queryset(self, request):
        return Affiliation.objects.select_related("user", "organisation", "decided_by").prefetch_related(
            "user__emailaddress_set"
        )

    ordering = ["status", "-requested_at"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("user", read_only=True), FieldPanel("organisation"), FieldPanel("job_title")],
                heading=gettext_lazy("Person"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel(
                        "status",
                        help_text=gettext_lazy(
                            "Vælg Godkendt eller Afvist og gem. Personen får en e-mail om afgørelsen."
                        ),
                    ),
                    FieldPanel(
                        "rejection_reason",
                        help_text=gettext_lazy(
                            "Skal udfyldes ved afvisning. Personen får begrundelsen at se."
                        ),
                    ),
                    FieldPanel("decided_at", read_only=True),
                    FieldPanel("decided_by", read_only=True),
                ],
                heading=gettext_lazy("Afgørelse"),
            ),
        ],
        base_form_class=AffiliationAdminForm,
    )


class MembersGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Medlemmer")
    menu_icon = "group"
    menu_order = 250
    items = (AffiliationViewSet, OrganisationViewSet)


register_snippet(MembersGroup)


@hooks.register("before_serve_page")
def members_only_pages(page, request, serve_args, serve_kwargs):
    """A page Wagtail restricts to "logged-in users" is for approved members of a member organisation
    and for the site's editors, not for any account: a new, unapproved sign-up is told it awaits
    approval. (Wagtail's own hook sends visitors who are not logged in to the login page.)"""

    user = request.user
    if not user.is_authenticated or approved_organisation(user) or has_admin_access(user):
        return None
    if not any(r.restriction_type == PageViewRestriction.LOGIN for r in page.get_view_restrictions()):
        return None
    return TemplateResponse(
        request, "community/members_only.html", {"awaits_approval": awaits_approval(user)}, status=403
    )


@hooks.register("register_private_files")
def private_files():
    return [(Agreement, "signed_file", with_permission("community.change_organisation"))]
