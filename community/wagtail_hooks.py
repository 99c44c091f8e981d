from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_forms import MembershipAdminForm
from .joining import admin as joining_admin  # noqa: F401  (registers the application queue)
from .models import Membership, Organisation


class MembershipPermissionPolicy(ModelPermissionPolicy):
    """Member accounts start at signup, where the person proves their address; the secretariat decides
    on them but does not create them by hand (there is no password or address to set here)."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Membership, MembershipPermissionPolicy(Membership))


@hooks.register("home_page_counts")
def member_counts(request):
    return [
        {
            "number": Organisation.objects.public_members().count(),
            "label": _("offentlige medlemmer"),
            "order": 10,
        },
        {
            "number": Organisation.objects.supplier_partners().count(),
            "label": _("leverandørpartnere"),
            "order": 20,
        },
    ]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = gettext_lazy("Organisationer")
    list_display = ["name", "kind", "region", "member_since", "is_member"]
    list_filter = ["kind", "region", "is_member"]
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
        "contact_name",
        "contact_email",
    ]
    export_filename = "organisationer"
    copy_view_enabled = False


class MembershipViewSet(SnippetViewSet):
    """Where the secretariat approves or rejects the people who ask to act for an organisation."""

    model = Membership
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
        return Membership.objects.select_related("user", "organisation", "decided_by").prefetch_related(
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
        base_form_class=MembershipAdminForm,
    )


class MembersGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Medlemmer")
    menu_icon = "group"
    menu_order = 250
    items = (MembershipViewSet, OrganisationViewSet)


register_snippet(MembersGroup)
