"""Working groups in the admin: the secretariat edits every product's groups, a product's coordinators
only their own product's; requests to join are decided by the group's contact (when they have an
account), the product's coordinators or the secretariat."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import widgets as wagtailadmin_widgets
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.decisions import DecisionView
from products.permissions import coordinated_products, is_coordinator_only

from . import emails, services
from .models import GroupRole, WorkingGroup, WorkingGroupRequest

# Group contacts with an account decide on requests in the admin; this role gives them exactly that.
CONTACT_GROUP = "Kontaktpersoner for arbejdsgrupper"


def sees_every_product(user):
    return user.is_superuser or not is_coordinator_only(user)


class WorkingGroupPermissionPolicy(ModelPermissionPolicy):
    """The model permission, and for a coordinator only the groups of the products they coordinate."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return sees_every_product(user) or coordinated_products(user).filter(pk=instance.product_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        groups = super().instances_user_has_any_permission_for(user, actions)
        if sees_every_product(user):
            return groups
        return groups.filter(product__in=coordinated_products(user))


register_permission_policy(WorkingGroup, WorkingGroupPermissionPolicy(WorkingGroup))


def decidable_requests(user):
    """The requests the user may approve or decline."""
    requests = WorkingGroupRequest.objects.all()
    if user.has_perm("community.change_workinggrouprequest") and sees_every_product(user):
        return requests
    return requests.filter(
        Q(group__contact_user=user) | Q(group__product__in=coordinated_products(user))
    ).distinct()


class RequestPermissionPolicy(ModelPermissionPolicy):
    """Requests are made by members on the site and decided with "Behandl": the admin lists them for
    whoever may decide, and nobody adds or edits them by hand."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return user.is_active and (
            super().user_has_permission(user, action) or decidable_requests(user).exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and decidable_requests(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return decidable_requests(user) if "view" in actions else WorkingGroupRequest.objects.none()


register_permission_policy(WorkingGroupRequest, RequestPermissionPolicy(WorkingGroupRequest))


def sync_contact_role():
    """Every group contact with an account is in the contacts' role (admin access, and the requests
    list), and nobody else is: a contact who is replaced loses it."""
    role, _created = Group.objects.get_or_create(name=CONTACT_GROUP)
    role.permissions.set(
        Permission.objects.filter(
            Q(content_type__app_label="wagtailadmin", codename="access_admin")
            | Q(content_type__app_label="community", codename="view_workinggrouprequest")
        )
    )
    contacts = get_user_model().objects.filter(contact_for_working_groups__isnull=False).distinct()
    role.user_set.set(contacts)
    return role


class WorkingGroupForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and not sees_every_product(self.for_user):
            self.fields["product"].queryset = coordinated_products(self.for_user).order_by("title")

    def clean(self):
        cleaned = super().clean()
        product = cleaned.get("product")
        seats = {
            form.cleaned_data.get("user")
            for form in self.formsets["members"].forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        }
        contact_user = cleaned.get("contact_user")
        if contact_user and contact_user not in seats:
            self.add_error("contact_user", _("Kontaktpersonens konto skal være en af gruppens medlemmer."))
        for form in self.formsets["meetings"].forms:
            event = form.cleaned_data.get("event") if form.is_valid() else None
            if (
                event
                and product
                and not form.cleaned_data.get("DELETE")
                and not event.related_products.filter(pk=product.pk).exists()
            ):
                form.add_error(
                    "event",
                    _("Arrangementet handler ikke om %(product)s. Vælg et af produktets arrangementer.")
                    % {"product": product.title},
                )
        return cleaned


WorkingGroup.base_form_class = WorkingGroupForm


class OwnProductsOnly:
    """Wagtail's edit and delete views check the model permission; a coordinator's reach ends at their
    own products' groups, so the object itself is checked too."""

    instance_action = "change"

    def get_object(self, queryset=None):
        group = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.instance_action, group
        ):
            raise PermissionDenied
        return group


class WorkingGroupEditView(OwnProductsOnly, snippet_views.EditView):
    pass


class WorkingGroupDeleteView(OwnProductsOnly, snippet_views.DeleteView):
    instance_action = "delete"


class WorkingGroupViewSet(SnippetViewSet):
    model = WorkingGroup
    edit_view_class = WorkingGroupEditView
    delete_view_class = WorkingGroupDeleteView
    icon = "group"
    menu_label = gettext_lazy("Alle arbejdsgrupper")
    list_display = ["name", "product", "kind", "contact"]
    list_filter = ["kind", "product"]
    search_fields = ["name"]
    copy_view_enabled = False

    def get_queryset(self, request):
        groups = WorkingGroup.objects.select_related("product", "contact")
        if sees_every_product(request.user):
            return groups
        return groups.filter(product__in=coordinated_products(request.user))


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def after_group_change(request, instances):
    instances = instances if isinstance(instances, list | tuple) else [instances]
    if any(isinstance(instance, WorkingGroup) for instance in instances):
        sync_contact_role()


class WorkingGroupRequestViewSet(SnippetViewSet):
    model = WorkingGroupRequest
    icon = "mail"
    menu_label = gettext_lazy("Anmodninger om grupper")
    list_display = ["person_name", "organisation", "group", "status", "requested_at"]
    list_filter = ["status"]
    inspect_view_enabled = True
    copy_view_enabled = False
    ordering = ["status", "-requested_at"]

    def get_queryset(self, request):
        return decidable_requests(request.user).select_related("user", "organisation", "group__product")


class WorkingGroupsMenu(SnippetViewSetGroup):
    menu_label = gettext_lazy("Arbejdsgrupper")
    menu_icon = "group"
    menu_order = 215
    items = (WorkingGroupViewSet, WorkingGroupRequestViewSet)


register_snippet(WorkingGroupsMenu)


class DecideGroupRequest(DecisionView):
    model = WorkingGroupRequest
    template_name = "community/admin/decide_working_group_request.html"
    context_object_name = "group_request"
    # Decided by someone else, or withdrawn by the person, since the page was opened.
    refusals = (services.RequestError,)

    def get_queryset(self):
        # Another product's request is not found at all, rather than refused.
        return decidable_requests(self.request.user).select_related("group__product", "user", "organisation")

    def closed_message(self, group_request):
        try:
            services.check_can_decide(group_request)
        except services.RequestError as error:
            return str(error)
        return super().closed_message(group_request)

    def approve(self, group_request, data):
        services.approve(group_request, by=self.request.user)
        emails.request_approved(group_request)
        return _("%(name)s er nu medlem af %(group)s.") % {
            "name": group_request.person_name,
            "group": group_request.group.name,
        }

    def decline(self, group_request, data):
        services.decline(group_request, by=self.request.user, reason=data["reason"].strip())
        emails.request_declined(group_request)
        return _("Anmodningen fra %(name)s er afvist.") % {"name": group_request.person_name}


@hooks.register("register_admin_urls")
def register_decision_url():
    return [
        path(
            "arbejdsgrupper/anmodninger/<int:pk>/afgoer/",
            DecideGroupRequest.as_view(),
            name="decide_working_group_request",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def decision_button(snippet, user, next_url=None):
    if isinstance(snippet, WorkingGroupRequest) and snippet.is_open:
        yield wagtailadmin_widgets.ListingButton(
            _("Behandl"),
            reverse("decide_working_group_request", args=[snippet.pk]),
            priority=5,
            icon_name="check",
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    """What members do themselves on the site shows in the history of the group and of the request."""

    @actions.register_action("community.workinggroup.leave")
    class LeftGroup(LogFormatter):
        label = gettext_lazy("Forlod gruppen")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            role = GroupRole(data["role"]).label if data.get("role") in GroupRole.values else ""
            values = {
                "name": data.get("name", ""),
                "organisation": data.get("organisation", ""),
                "role": role,
            }
            if values["organisation"]:
                return _("%(name)s (%(organisation)s, %(role)s) forlod selv gruppen på sitet.") % values
            return _("%(name)s (%(role)s) forlod selv gruppen på sitet.") % values

    actions.register_action(
        "community.workinggrouprequest.withdraw",
        gettext_lazy("Trukket tilbage"),
        gettext_lazy("Personen trak selv anmodningen tilbage på sitet."),
    )
