"""The secretariat's and the coordinators' side of requests to join a product: a list in the admin
(each coordinator sees only their own product's requests), the signed agreement behind a permission
check, and a decision view that approves (creating the organisation's joining agreement) or declines
with a reason. Imported by wagtail_hooks."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import widgets as wagtailadmin_widgets
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, InspectView, SnippetViewSet

from community.private_files import download
from home.admin_views import ScopedObjectMixin
from home.decisions import DecisionView
from home.forms import DecisionForm

from . import emails
from .models import JoinRequest
from .permissions import join_requests_for, may_decide


class JoinDecisionForm(DecisionForm):
    reason_label = gettext_lazy("Begrundelse (sendes til organisationen ved afvisning)")
    field_order = ["decision", "starts_on", "reason"]

    starts_on = forms.DateField(
        label=gettext_lazy("Gælder fra"),
        required=False,
        help_text=gettext_lazy("Tilslutningens startdato. Tom: i dag."),
    )


class DecideJoinRequest(DecisionView):
    model = JoinRequest
    form_class = JoinDecisionForm
    template_name = "products/admin/decide_join_request.html"
    context_object_name = "join_request"

    def may_decide(self, join_request):
        # A coordinator decides only their own product's requests.
        return may_decide(self.request.user, join_request)

    def get_form(self):
        return self.form_class(self.request.POST or None, initial={"starts_on": timezone.localdate()})

    def approve(self, join_request, data):
        if join_request.approve(by=self.request.user, starts_on=data["starts_on"]):
            emails.join_decided(join_request)
        return _("%(organisation)s er godkendt til %(product)s.") % self.names(join_request)

    def decline(self, join_request, data):
        if join_request.decline(by=self.request.user, reason=data["reason"].strip()):
            emails.join_decided(join_request)
        return _("Anmodningen fra %(organisation)s om %(product)s er afvist.") % self.names(join_request)

    @staticmethod
    def names(join_request):
        return {"organisation": join_request.organisation.name, "product": join_request.product.title}


def agreement_file(request, pk):
    join_request = get_object_or_404(JoinRequest, pk=pk)
    if not join_request.agreement_file or not may_decide(request.user, join_request):
        raise PermissionDenied
    return download(join_request.agreement_file, content_type="application/pdf")


@hooks.register("register_admin_urls")
def register_join_request_urls():
    return [
        path("tilslutninger/<int:pk>/afgoer/", DecideJoinRequest.as_view(), name="decide_join_request"),
        path("tilslutninger/<int:pk>/aftale/", agreement_file, name="join_request_agreement"),
    ]


@hooks.register("register_snippet_listing_buttons")
def decision_button(snippet, user, next_url=None):
    if isinstance(snippet, JoinRequest) and snippet.is_open and user.has_perm("products.change_joinrequest"):
        yield wagtailadmin_widgets.ListingButton(
            _("Behandl"), reverse("decide_join_request", args=[snippet.pk]), priority=5, icon_name="check"
        )


class OwnRequestMixin(ScopedObjectMixin):
    """A coordinator opens only their own product's requests, also by typing another's address."""

    scope = staticmethod(join_requests_for)


class JoinRequestEditView(OwnRequestMixin, EditView):
    pass


class JoinRequestInspectView(OwnRequestMixin, InspectView):
    pass


class JoinRequestDeleteView(OwnRequestMixin, DeleteView):
    pass


class JoinRequestViewSet(SnippetViewSet):
    model = JoinRequest
    icon = "form"
    menu_label = gettext_lazy("Tilslutninger")
    menu_order = 266
    add_to_admin_menu = True
    list_display = ["organisation", "product", "kind", "state", "requested_at"]
    list_filter = ["state", "kind", "product"]
    search_fields = ["organisation__name", "product__title", "note"]
    list_export = ["organisation", "product", "kind", "state", "requested_at", "starts_on", "decline_reason"]
    export_filename = "tilslutninger"
    inspect_view_enabled = True
    inspect_view_fields = [
        "product",
        "organisation",
        "requested_by",
        "kind",
        "state",
        "size",
        "joining_fee",
        "yearly_fee",
        "agreement_file",
        "note",
        "requested_at",
        "decided_at",
        "decided_by",
        "starts_on",
        "decline_reason",
    ]
    ordering = ["state", "-requested_at"]
    copy_view_enabled = False
    # A signed agreement sent later by mail is added here; the decision has its own view.
    panels = [FieldPanel("agreement_file"), FieldPanel("agreement_later"), FieldPanel("note")]
    edit_view_class = JoinRequestEditView
    inspect_view_class = JoinRequestInspectView
    delete_view_class = JoinRequestDeleteView

    def get_queryset(self, request):
        return join_requests_for(request.user)


register_snippet(JoinRequestViewSet)


@hooks.register("register_private_files")
def private_files():
    """Signed joining agreements: the secretariat and the product's coordinators."""
    return [
        (JoinRequest, "agreement_file", lambda request, join_request: may_decide(request.user, join_request))
    ]
