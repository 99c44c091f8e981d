"""The secretariat's side of applications: a queue of applications in the admin, and a decision view
that approves (creating organisation, agreement and invitation at once) or rejects with a reason."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import widgets as wagtailadmin_widgets
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.decisions import DecisionView
from home.forms import DecisionForm

from ..private_files import download, private_file, with_permission
from . import emails
from .models import AgreementTemplate, JoinApplication


class ApplicationDecisionForm(DecisionForm):
    reason_label = _("Begrundelse (sendes til ansøgeren ved afvisning)")


class DecideApplication(DecisionView):
    model = JoinApplication
    form_class = ApplicationDecisionForm
    template_name = "community/admin/decide_application.html"
    context_object_name = "application"
    permission_required = "community.change_joinapplication"

    def closed_message(self, application):
        return _("Ansøgningen er allerede afgjort.")

    def approve(self, application, data):
        invitation, created = application.approve(by=self.request.user)
        if created:
            emails.application_approved(application, invitation)
        return _("%(name)s er godkendt og oprettet.") % {"name": application.organisation_name}

    def decline(self, application, data):
        if application.reject(by=self.request.user, reason=data["reason"].strip()):
            emails.application_rejected(application)
            return _("%(name)s er afvist.") % {"name": application.organisation_name}
        return None


def agreement_file(request, pk):
    """The signed agreement, for the secretariat only."""
    if not request.user.has_perm("community.change_joinapplication"):
        raise PermissionDenied
    application = get_object_or_404(JoinApplication, pk=pk)
    return download(application.agreement_file, content_type="application/pdf")


@hooks.register("register_admin_urls")
def register_decision_url():
    return [
        path("ansoegninger/<int:pk>/afgoer/", DecideApplication.as_view(), name="decide_application"),
        path("ansoegninger/<int:pk>/aftale/", agreement_file, name="application_agreement_file"),
        path("privat/<path:name>", private_file, name="private_file"),
    ]


@hooks.register("register_snippet_listing_buttons")
def decision_button(snippet, user, next_url=None):
    if isinstance(snippet, JoinApplication) and snippet.is_open:
        yield wagtailadmin_widgets.ListingButton(
            _("Behandl"), reverse("decide_application", args=[snippet.pk]), priority=5, icon_name="check"
        )


class JoinApplicationViewSet(SnippetViewSet):
    model = JoinApplication
    icon = "form"
    menu_label = _("Ansøgninger")
    list_display = ["organisation_name", "path", "status", "submitted_at"]
    list_filter = ["status", "path"]
    search_fields = ["organisation_name", "cvr", "contact_name", "contact_email"]
    inspect_view_enabled = True
    ordering = ["status", "-submitted_at"]


class AgreementTemplateViewSet(SnippetViewSet):
    model = AgreementTemplate
    icon = "doc-full"
    menu_label = _("Aftaleskabeloner")
    list_display = ["kind", "document", "sort_order"]


class JoiningGroup(SnippetViewSetGroup):
    menu_label = _("Ansøgninger og aftaler")
    menu_icon = "group"
    menu_order = 210
    items = (JoinApplicationViewSet, AgreementTemplateViewSet)


register_snippet(JoiningGroup)


@hooks.register("register_private_files")
def private_files():
    return [(JoinApplication, "agreement_file", with_permission("community.change_joinapplication"))]
