"""What a coordinator sees of other products in Wagtail's own admin screens: nothing of their drafts.

Wagtail checks a coordinator's rights on every page they act on, but a few screens name pages the user
may not act on: the bulk actions' confirmation lists the pages it refuses, the page types report names
the page of each type edited last, and the confirmation of a workflow's cancellation says where any
page stands in approval. These are Wagtail's views with the pages narrowed to those the user may
explore, registered through Wagtail's hooks and page viewsets.

What a user may explore is itself narrowed for coordinators (CoordinatorPagePermissionPolicy): Wagtail
lets anyone who may add pages somewhere explore every page below it, and coordinators may add events on
the events page, so the explorer, the page search, the explorer menu and the site history would list
every product's events, drafts and titles awaiting approval included.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.workflow import ConfirmWorkflowCancellationView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from home.admin_views import SingleDraftCreateView

from .permissions import is_coordinator_only


class CoordinatorPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, with a coordinator exploring only the pages they may edit (their
    product and their events) and the way down to where they may add pages; the other events under the
    events page, which Wagtail's "add" there would show them, are left out. Another product's event
    may be live with a draft waiting for approval, and the explorer shows the draft's title and status,
    so a coordinator does not see those events at all: the public site lists the published ones.
    Everyone else explores as Wagtail decides."""

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if not is_coordinator_only_cached(user):
            return pages
        permitted = [perm.page for perm in self.get_cached_permissions_for_user(user)]
        steplen = self.model.steplen
        way_down = {
            page.path[:end] for page in permitted for end in range(steplen, len(page.path) + 1, steplen)
        }
        editable = self.instances_user_has_permission_for(user, "change")
        return pages.filter(Q(path__in=way_down) | Q(pk__in=editable.values("pk")))


def is_coordinator_only_cached(user):
    """is_coordinator_only, asked once a request: the explorer asks for every list it draws."""
    if not hasattr(user, "_os2site_coordinator_only"):
        user._os2site_coordinator_only = user.is_authenticated and is_coordinator_only(user)
    return user._os2site_coordinator_only


def explorable_pages(user):
    """The pages a user may see in the explorer: those they may act on and the way down to them."""
    return policy_registry.get_by_type(Page).explorable_instances(user)


def editable_pages(user):
    """The pages a user may edit: their product's, and those they wrote where they may only add (the
    events page, whose other events they may not edit)."""
    return policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "change")


class OwnPagesOnlyBulkAction:
    """The refused pages the confirmation lists are only those the coordinator may edit (their own
    pages they may not publish, say); others' pages are left out as if not asked for."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        if is_coordinator_only(self.request.user):
            visible = set(editable_pages(self.request.user).values_list("pk", flat=True))
            extra["items_with_no_access"] = [
                page for page in extra["items_with_no_access"] if page.pk in visible
            ]
        return objects, extra


class ScopedDeleteBulkAction(OwnPagesOnlyBulkAction, DeleteBulkAction):
    pass


class ScopedMoveBulkAction(OwnPagesOnlyBulkAction, MoveBulkAction):
    pass


class ScopedPublishBulkAction(OwnPagesOnlyBulkAction, PublishBulkAction):
    pass


class ScopedUnpublishBulkAction(OwnPagesOnlyBulkAction, UnpublishBulkAction):
    pass


SCOPED_BULK_ACTIONS = [
    ScopedDeleteBulkAction,
    ScopedMoveBulkAction,
    ScopedPublishBulkAction,
    ScopedUnpublishBulkAction,
]


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """A coordinator's page types report counts the pages they may explore (as the list of a type's
    pages it links to does) and names the last edited of those they may edit; others see Wagtail's
    report."""

    def get_queryset(self):
        if not is_coordinator_only(self.request.user):
            return super().get_queryset()
        queryset = self.filter_queryset(ContentType.objects.filter(model__in=self.page_models))
        self.queryset = queryset
        visible = explorable_pages(self.request.user).filter(depth__gt=1).values("pk")
        editable = editable_pages(self.request.user).values("pk")
        last_edited = Page.objects.filter(content_type=OuterRef("pk"), pk__in=editable).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return queryset.annotate(
            count=Count("pages", filter=Q(pages__in=visible)),
            last_edited_page_id=Subquery(last_edited.values("pk")[:1]),
        ).order_by("-count", "app_label", "model")


page_types_report = never_cache(require_admin_access(ScopedPageTypesUsageReportView.as_view()))
page_types_report_results = never_cache(
    require_admin_access(ScopedPageTypesUsageReportView.as_view(results_only=True))
)


class PublishersOnlyWorkflowCancellationView(ConfirmWorkflowCancellationView):
    """The question "publishing cancels the approval at step …" is for those who may publish the
    page; Wagtail's view answers it for any page, telling anyone where another product's draft
    stands."""

    def dispatch(self, request, *args, **kwargs):
        if not self.object.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ExplorableOnlyIndexView(ExplorableIndexView):
    """The explorer opens only at pages the user may explore: another product's event, whose address a
    coordinator may guess, sends them to their own start page as a page outside their part of the tree
    does in Wagtail, instead of showing its title and status as the listing's heading."""

    def get(self, request, parent_page_id=None):
        if (
            parent_page_id
            and not self.permission_policy.explorable_instances(request.user)
            .filter(pk=parent_page_id)
            .exists()
        ):
            root_page = self.permission_policy.explorable_root_instance(request.user)
            return redirect(self.index_url_name, root_page.pk)
        return super().get(request, parent_page_id)


class SitePageViewSet(PageViewSet):
    """Wagtail's page views for every page type, with the explorer and the workflow cancellation
    confirmation above and a create view that makes one draft of a form sent twice."""

    name = "os2site_pages"
    index_view_class = ExplorableOnlyIndexView
    add_view_class = SingleDraftCreateView
    confirm_workflow_cancellation_view_class = PublishersOnlyWorkflowCancellationView
