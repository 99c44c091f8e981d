"""The public list of projects and a page per project."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from home.models import with_localized_items
from products.models import ProductPage

from ..events.admin import SECTION_SIZE, event_items, upcoming_events
from ..news.admin import latest_news, news_items
from .models import MilestoneStatus, Project, ProjectState

PROJECTS_PER_PAGE = 12


def project_list(request):
    projects = (
        Project.objects.live()
        .with_funding()
        .select_related("lead_organisation")
        .order_by("-started_on", "title")
    )
    state = request.GET.get("tilstand", "")
    if state not in ProjectState.values:
        state = ""
    if state:
        projects = projects.filter(state=state)
    page_obj = Paginator(projects, PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "community/project_list.html",
        {
            "page_obj": page_obj,
            "states": ProjectState.choices,
            "selected_state": state,
            "query_string": f"tilstand={state}" if state else "",
            "meta_description": _(
                "OS2’s projekter: idéer, som medlemmerne har valgt at udvikle sammen, med budget, "
                "milepæle og organisationerne bag."
            ),
        },
    )


def project_detail(request, slug):
    # Drafts are the secretariat's until published; the admin's preview shows them.
    project = get_object_or_404(Project.objects.live().select_related("lead_organisation"), slug=slug)
    backers = list(project.backers.select_related("organisation").order_by("organisation__name"))
    committed = sum(backer.amount or 0 for backer in backers)
    milestones = sorted(project.milestones.all(), key=lambda milestone: milestone.due_on)
    product = (
        ProductPage.objects.visible_to_public().filter(pk=project.product_id).first()
        if project.product_id
        else None
    )
    # Its next events and latest news, listed as the product page lists its own (see product_page_sections).
    sections = [
        with_localized_items(section)
        for section in (
            {
                "id": "events",
                "heading": _("Kommende arrangementer om projektet"),
                "items": event_items(upcoming_events(project=project)[:SECTION_SIZE], request),
            },
            {
                "id": "news",
                "heading": _("Nyheder om projektet"),
                "items": news_items(latest_news().filter(related_projects=project)[:SECTION_SIZE], request),
            },
        )
        if section["items"]
    ]
    return TemplateResponse(
        request,
        "community/project.html",
        {
            "project": project,
            "meta_object": project,
            "ideas": project.ideas.public().select_related("organisation"),
            "backers": backers,
            "committed": committed,
            "funding_percent": project.funding_percent(committed),
            "milestones": milestones,
            "reached": sum(1 for milestone in milestones if milestone.status == MilestoneStatus.REACHED),
            "product": product,
            "sections": sections,
            "can_edit": request.user.is_authenticated and request.user.has_perm("community.change_project"),
        },
    )
