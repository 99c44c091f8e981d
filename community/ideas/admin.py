"""What the ideas domain registers with Wagtail: the secretariat's side (editing ideas and comments
always with a logged reason, the log shown on the idea, a moderation queue, states and areas), ideas in
site search, and the ideas shown on the front page and on the product they became."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home import i18n
from home.formatting import amount

from . import services
from .models import CommentReport, Idea, IdeaArea, IdeaAttachment, IdeaComment, IdeaState, LogKind, Pledge

REASON_REQUIRED = gettext_lazy("Skriv en begrundelse. Den gemmes i idéens log.")


class ReasonFormMixin(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Begrundelse for ændringen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Skal udfyldes ved enhver ændring. Begrundelser for nye tilstande vises på idéen."
        ),
    )

    def changed_fields(self):
        return [name for name in self.changed_data if name != "reason"]


class IdeaAdminForm(ReasonFormMixin, WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        changed = self.changed_fields()
        if self.instance.pk and changed and not cleaned.get("reason", "").strip():
            self.add_error("reason", REASON_REQUIRED)
        state = cleaned.get("state")
        if "state" in changed and state is None:
            self.add_error("state", _("Vælg en tilstand."))
        if state and state.requires_reason and "state" in changed and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Tilstanden “%(state)s” kræver en begrundelse.") % {"state": state})
        if cleaned.get("merged_into") and cleaned["merged_into"].pk == self.instance.pk:
            self.add_error("merged_into", _("En idé kan ikke slås sammen med sig selv."))
        return cleaned

    def save(self, commit=True):
        user = self.for_user
        reason = self.cleaned_data.get("reason", "").strip()
        changed = self.changed_fields()
        is_new = self.instance.pk is None
        previous_state = IdeaState.objects.filter(pk=self.initial.get("state")).first()
        idea = super().save(commit=False)
        if is_new:
            # The secretariat enters an idea that reached it by e-mail: it is submitted at once.
            idea.submitter = None
            idea.submitted_at = timezone.now()
            idea.state = idea.state or IdeaState.initial()
        idea.save()
        self.save_m2m()
        if is_new:
            services.log(idea, LogKind.SUBMITTED, user, reason)
            idea.log.filter(kind=LogKind.SUBMITTED).update(to_state=idea.state)
            return idea
        if "is_hidden" in changed:
            services.log(idea, LogKind.HIDDEN if idea.is_hidden else LogKind.SHOWN, user, reason)
        other = [name for name in changed if name not in ("state", "is_hidden")]
        if other:
            services.log(idea, LogKind.EDITED, user, reason)
        if "state" in changed:
            services.record_state_change(idea, previous_state, user, reason)
        return idea


class CommentAdminForm(ReasonFormMixin, WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        if self.changed_fields() and not cleaned.get("reason", "").strip():
            self.add_error("reason", REASON_REQUIRED)
        return cleaned

    def save(self, commit=True):
        changed = self.changed_fields()
        comment = super().save(commit=True)
        reason = self.cleaned_data.get("reason", "").strip()
        if "is_hidden" in changed:
            kind = LogKind.COMMENT_HIDDEN if comment.is_hidden else LogKind.COMMENT_SHOWN
            services.log(comment.idea, kind, self.for_user, reason, comment=comment)
        elif changed:
            services.log(comment.idea, LogKind.EDITED, self.for_user, reason, comment=comment)
        # Whatever the secretariat decided, the reports on the comment are dealt with.
        comment.reports.update(resolved=True)
        return comment


class IdeaEditView(SnippetEditView):
    """Drafts belong to their writer until submitted, so the admin does not open them either."""

    def get_object(self, queryset=None):
        idea = super().get_object(queryset)
        if idea.is_draft:
            raise Http404
        return idea


class IdeaLogPanel(Panel):
    """The idea's log, its support and its reported comments, read-only beside the edit form."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "community/admin/idea_log_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            idea = self.instance
            context["entries"] = idea.log.select_related("from_state", "to_state", "user", "comment")
            context["totals"] = idea.support_totals()
            context["public_url"] = idea.get_absolute_url()
            return context


def ideas_awaiting_decision():
    """Ideas the secretariat must act on: in a state that is neither the first nor final, and either not
    open for support or open with its support goal reached."""
    initial = IdeaState.initial()
    ideas = (
        Idea.objects.public()
        .filter(state__is_final=False)
        .exclude(state=initial)
        .with_support()
        .select_related("state", "organisation")
        .order_by("submitted_at")
    )
    waiting = []
    for idea in ideas:
        state = idea.state
        if not state.is_open_for_support:
            waiting.append(idea)
            continue
        goal_count = state.support_threshold_organisations
        goal_amount = state.support_threshold_amount
        if (goal_count or goal_amount) and (
            idea.support_count >= (goal_count or 0) and (idea.support_amount or 0) >= (goal_amount or 0)
        ):
            waiting.append(idea)
    return waiting


class ModerationQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "community/admin/moderation_queue.html"
    page_title = gettext_lazy("Moderationskø")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("community.change_idea"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def post(self, request):
        """Dismisses the reports on a comment the secretariat leaves as it is."""
        comment = IdeaComment.objects.filter(pk=request.POST.get("dismiss")).first()
        if comment:
            comment.reports.update(resolved=True)
            messages.success(request, _("Anmeldelserne af kommentaren er afvist."))
        return redirect("idea_moderation:index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initial = IdeaState.initial()
        context["new_ideas"] = (
            Idea.objects.public()
            .filter(state=initial)
            .select_related("organisation")
            .order_by("submitted_at")
        )
        context["reported_comments"] = (
            IdeaComment.objects.filter(is_hidden=False, reports__resolved=False)
            .annotate(report_count=Count("reports", filter=Q(reports__resolved=False)))
            .select_related("idea", "author")
            .order_by("-report_count", "created_at")
        )
        context["awaiting_decision"] = ideas_awaiting_decision()
        context["hidden_ideas"] = Idea.objects.submitted().filter(is_hidden=True).order_by("-updated_at")
        return context


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("community.change_idea")


class ModerationQueueViewSet(ViewSet):
    name = "idea_moderation"
    url_prefix = "ideer/moderation"
    icon = "warning"
    menu_label = gettext_lazy("Moderationskø")
    menu_order = 10
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return [path("", ModerationQueueView.as_view(), name="index")]

    def get_menu_item(self, order=None):
        return ModerationMenuItem(
            self.menu_label,
            reverse_lazy("idea_moderation:index"),
            icon_name=self.icon,
            order=order or self.menu_order,
        )


def open_reports_count():
    return CommentReport.objects.filter(resolved=False, comment__is_hidden=False).count()


class IdeaViewSet(SnippetViewSet):
    model = Idea
    icon = "clipboard-list"
    menu_label = gettext_lazy("Idéer")
    list_display = ["title", "organisation", "state", "submitted_at", "is_hidden"]
    list_filter = ["state", "is_hidden", "area"]
    edit_view_class = IdeaEditView
    # Searched through the idea's search index (all its indexed texts), on every backend.
    ordering = ["-submitted_at"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("state", widget=forms.Select), FieldPanel("reason"), FieldPanel("is_hidden")],
                heading=gettext_lazy("Afgørelse"),
            ),
            MultiFieldPanel(
                [FieldPanel("merged_into"), FieldPanel("became_product")],
                heading=gettext_lazy("Sammenlægning og produkt"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("title"),
                    FieldPanel("organisation"),
                    FieldPanel("area", widget=forms.Select),
                    FieldPanel("need"),
                    FieldPanel("benefit"),
                    FieldPanel("shared_with"),
                ],
                heading=gettext_lazy("Idéen"),
            ),
            IdeaLogPanel(heading=gettext_lazy("Log og opbakning")),
        ],
        base_form_class=IdeaAdminForm,
    )

    def get_queryset(self, request):
        # Drafts belong to their writer until submitted.
        return Idea.objects.submitted().select_related("organisation", "state")


class IdeaStateViewSet(SnippetViewSet):
    model = IdeaState
    icon = "list-ol"
    menu_label = gettext_lazy("Tilstande")
    list_display = ["name", "order", "is_open_for_support", "is_final", "requires_reason"]
    ordering = ["order"]


class IdeaAreaViewSet(SnippetViewSet):
    model = IdeaArea
    icon = "tag"
    menu_label = gettext_lazy("Produktområder")
    list_display = ["name", "order"]
    ordering = ["order"]


class IdeaCommentViewSet(SnippetViewSet):
    model = IdeaComment
    icon = "comment"
    menu_label = gettext_lazy("Kommentarer")
    list_display = ["__str__", "idea", "created_at", "is_hidden"]
    list_filter = ["is_hidden"]
    search_fields = ["body"]
    ordering = ["-created_at"]
    edit_handler = ObjectList(
        [FieldPanel("is_hidden"), FieldPanel("reason"), FieldPanel("body")], base_form_class=CommentAdminForm
    )


class PledgeViewSet(SnippetViewSet):
    model = Pledge
    icon = "thumbtack"
    menu_label = gettext_lazy("Tilsagn")
    list_display = ["organisation", "idea", "kind", "amount", "created_at"]
    list_filter = ["kind"]
    ordering = ["-created_at"]
    panels = [FieldPanel("kind"), FieldPanel("amount"), FieldPanel("note")]


@hooks.register("after_edit_snippet")
def log_pledge_changed_by_secretariat(request, instance):
    """The secretariat may change an approved idea's pledges; the idea's history still shows it."""
    if isinstance(instance, Pledge):
        services.log_pledge(instance, LogKind.PLEDGE_CHANGED, request.user)


@hooks.register("after_delete_snippet")
def log_pledges_withdrawn_by_secretariat(request, instances):
    for instance in instances:
        if isinstance(instance, Pledge):
            services.log_pledge(instance, LogKind.PLEDGE_WITHDRAWN, request.user)


class IdeasGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Idéportalen")
    menu_icon = "clipboard-list"
    menu_order = 260
    items = (
        ModerationQueueViewSet,
        IdeaViewSet,
        IdeaCommentViewSet,
        PledgeViewSet,
        IdeaStateViewSet,
        IdeaAreaViewSet,
    )


register_snippet(IdeasGroup)


@hooks.register("site_search_querysets")
def ideas_in_site_search():
    """Ideas are found by site search too: those every visitor may see (submitted and not hidden)."""
    return Idea.objects.public()


@hooks.register("home_page_sections")
def ideas_open_for_support(request):
    ideas = (
        Idea.objects.public()
        .open_for_support()
        .with_support()
        .select_related("organisation")
        # Only what the cards show (_idea_item): the ideas' texts are long and read nowhere here.
        .only("title", "organisation__name")
        .order_by("-submitted_at")[:3]
    )
    return [
        {
            "heading": _("Idéer, der søger opbakning"),
            "items": [_idea_item(idea) for idea in ideas],
            "more_url": reverse("idea_list"),
            "more_label": _("Se alle idéer"),
            "order": 30,
        }
    ]


def written_in_danish():
    """Ideas are written in Danish: on a page in another language their titles are marked as such."""
    return i18n.DEFAULT_LANGUAGE if get_language() != i18n.DEFAULT_LANGUAGE else ""


def _idea_item(idea):
    """An idea as an item of a section on another page: its title, support and organisation."""
    return {
        "heading": idea.title,
        "url": idea.get_absolute_url(),
        "text": _idea_support_text(idea),
        "meta": idea.organisation.name,
        "lang": written_in_danish(),
    }


def _idea_support_text(idea):
    text = ngettext(
        "%(count)d organisation bakker op", "%(count)d organisationer bakker op", idea.support_count
    ) % {"count": idea.support_count}
    if idea.support_amount:
        text += " · " + _("%(amount)s lovet") % {"amount": amount(idea.support_amount)}
    return text


@hooks.register("product_page_sections")
def ideas_behind_product(request, product_page):
    """The ideas a product grew from, for the product page to link back to."""
    ideas = (
        Idea.objects.public()
        .filter(became_product=product_page)
        .with_support()
        .select_related("organisation")
        # Only what the items show (_idea_item), as on the front page: not every column of the idea, its
        # organisation and its state, all grouped by to count the support.
        .only("title", "organisation__name")
        .order_by("submitted_at")
    )
    items = [_idea_item(idea) for idea in ideas]
    if not items:
        return []
    return [
        {
            "heading": _("Idéen bag produktet"),
            "items": items,
            "more_url": reverse("idea_list"),
            "more_label": _("Se alle idéer"),
            "order": 80,
        }
    ]


@hooks.register("register_private_files")
def private_files():
    """An idea's attachments, to those who may see the idea."""
    return [(IdeaAttachment, "file", lambda request, attachment: attachment.idea.is_visible_to(request.user))]
