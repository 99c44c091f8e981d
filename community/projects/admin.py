"""What the projects domain registers with Wagtail: projects as snippets with drafts and revisions, the
secretariat's two conversions (an idea into a project, a project into a product page) as buttons on the
ideas' and projects' listings, projects in site search, and a product's history on its page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import formatting

from ..ideas.admin import written_in_danish
from ..ideas.models import Idea
from . import services
from .forms import ProjectFromIdeaForm
from .models import Project, ProjectBacker


class ProjectViewSet(SnippetViewSet):
    model = Project
    icon = "clipboard-list"
    menu_label = gettext_lazy("Projekter")
    menu_order = 265
    add_to_admin_menu = True
    list_display = ["title", "state", "lead_organisation", "started_on", "product"]
    list_filter = ["state", "live"]
    ordering = ["-started_on"]


register_snippet(ProjectViewSet)


def _conversion(request, subject, check, convert, *, done, edit_url, context, form=None):
    """What both conversions share: a page that explains the step, or says why it cannot be taken;
    the confirmation (with a valid form, where there is one) runs `convert`, says `done` about what it
    made and opens that in its editor (`edit_url`), where the editor goes on."""
    problem = None
    try:
        check(subject)
    except services.ConversionError as error:
        problem = str(error)
    invalid = form is not None and form.is_bound and not form.is_valid()
    if request.method == "POST" and problem is None and not invalid:
        made = convert()
        messages.success(request, done % {"title": made.title})
        return redirect(edit_url, made.pk)
    return TemplateResponse(
        request,
        "community/admin/project_convert.html",
        {**context, "subject": subject, "problem": problem, "form": form},
        status=400 if invalid else 200,
    )


def project_from_idea(request, idea_pk):
    """One step: the idea becomes a published project with its pledges as backers."""
    if not request.user.has_perm("community.add_project"):
        raise PermissionDenied
    idea = get_object_or_404(Idea.objects.submitted().select_related("organisation"), pk=idea_pk)
    form = ProjectFromIdeaForm(request.POST or None, initial={"title": idea.title})
    context = {
        "title": _("Gør idéen til et projekt"),
        "pledge_count": idea.pledges.count(),
        "explanation": _(
            "Projektet oprettes og udgives med idéens tekster, og alle organisationer, der har givet "
            "tilsagn, bliver organisationer bag projektet. Idéens side viser derefter projektet."
        ),
        "button": _("Opret projektet"),
    }
    return _conversion(
        request,
        idea,
        services.check_idea,
        lambda: services.project_from_idea(idea, request.user, title=form.cleaned_data["title"]),
        done=_("Idéen er blevet til projektet “%(title)s”. Tilføj budget, milepæle og projektleder."),
        edit_url="wagtailsnippets_community_project:edit",
        context=context,
        form=form,
    )


def product_from_project(request, pk):
    """One step: a draft product page filled in from the project, opened in the page editor."""
    if not request.user.has_perm("community.change_project"):
        raise PermissionDenied
    project = get_object_or_404(Project, pk=pk)
    parent = services.catalogue()
    if parent and not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    context = {
        "title": _("Gør projektet til et produkt"),
        "explanation": _(
            "Der oprettes en produktside som skitse i produktoversigten med projektets navn og tekster. "
            "Projektet og idéerne bag det peger på produktet, og produktsiden viser historien fra idé "
            "til produkt, så snart den er udgivet."
        ),
        "button": _("Opret produktsiden"),
    }
    return _conversion(
        request,
        project,
        services.check_project,
        lambda: services.product_from_project(project, request.user),
        done=_(
            "Produktsiden “%(title)s” er oprettet som skitse. Gør den færdig, og send den til godkendelse."
        ),
        edit_url="wagtailadmin_pages:edit",
        context=context,
    )


class ProjectConversionViewSet(ViewSet):
    name = "project_conversion"
    url_prefix = "projekter/konvertering"

    def get_urlpatterns(self):
        return [
            path("fra-ide/<int:idea_pk>/", project_from_idea, name="from_idea"),
            path("<int:pk>/til-produkt/", product_from_project, name="to_product"),
        ]


@hooks.register("register_admin_viewset")
def register_conversion_views():
    return ProjectConversionViewSet()


@hooks.register("register_snippet_listing_buttons")
def conversion_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Idea) and user.has_perm("community.add_project") and not snippet.projects.exists():
        yield Button(
            _("Gør til projekt"),
            reverse("project_conversion:from_idea", args=[snippet.pk]),
            icon_name="clipboard-list",
            priority=50,
        )
    if isinstance(snippet, Project) and user.has_perm("community.change_project") and not snippet.product_id:
        yield Button(
            _("Gør til produkt"),
            reverse("project_conversion:to_product", args=[snippet.pk]),
            icon_name="box",
            priority=50,
        )


@hooks.register("site_search_querysets")
def projects_in_site_search():
    """Published projects are found by site search."""
    return Project.objects.live()


@hooks.register("product_page_sections")
def product_history(request, product_page):
    """The project a product grew out of: when it became a product and the organisations behind it (the
    ideas behind it are the ideas domain's section)."""
    # The backers of every project in one query, not one per project. Only what the items show is read:
    # not the projects' descriptions and lead organisations, nor the backers' organisations whole.
    backers = ProjectBacker.objects.select_related("organisation").only(
        "project", "amount", "organisation__name"
    )
    projects = (
        Project.objects.live()
        .filter(product=product_page)
        .only("title", "slug", "became_product_on", "started_on")
        .prefetch_related(Prefetch("backers", queryset=backers))
    )
    items = []
    for project in projects:
        backers = list(project.backers.all())
        text = (
            _("Blev til produkt den %(date)s.") % {"date": date_format(project.became_product_on)}
            if project.became_product_on
            else ""
        )
        if backers:
            names = ", ".join(backer.organisation.name for backer in backers)
            text += " " + _("Organisationerne bag: %(names)s.") % {"names": names}
        # As `committed_amount` sums it, from the backers already read.
        committed = sum(backer.amount or 0 for backer in backers)
        if committed:
            text += " " + _("%(amount)s i medfinansiering.") % {"amount": formatting.amount(committed)}
        items.append(
            {
                "heading": project.title,
                "url": project.get_absolute_url(),
                "text": text.strip(),
                # Projects are written in Danish, like the ideas they come from.
                "lang": written_in_danish(),
                "meta": _("Projekt startet %(date)s") % {"date": date_format(project.started_on)}
                if project.started_on
                else "",
            }
        )
    if not items:
        return []
    return [
        {
            "heading": _("Projektet bag produktet"),
            "items": items,
            "more_url": reverse("project_list"),
            "more_label": _("Se alle projekter"),
            "order": 81,
        }
    ]
