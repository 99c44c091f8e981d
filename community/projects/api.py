"""Projects in the open data API (/api/v1/projects): the published projects with their state, budget,
the organisations behind them and what they committed, milestones, the ideas they came from and the
product they became (when visitors may open it). The project lead is named as on the project page."""

import datetime
from typing import Annotated, Literal

from django.db.models import Prefetch
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema

from community.ideas.models import PledgeKind
from community.models import Idea, Milestone, Project, ProjectBacker
from os2site.api import Named, Paging, page_of, page_schema, responses
from products.api import public_products_named

from .models import MilestoneStatus, ProjectState

router = Router(tags=["projects"])


class BackerOut(Schema):
    organisation: Named
    kind: Literal[tuple(PledgeKind.values)]
    amount: int | None = Field(description="Co-funding committed, in DKK.")


class MilestoneOut(Schema):
    title: str
    date: datetime.date
    status: Literal[tuple(MilestoneStatus.values)]
    status_name: str


class IdeaRef(Schema):
    id: int
    title: str


class ProjectOut(Schema):
    slug: str
    title: str
    url: str
    summary: str
    description: str
    state: Literal[tuple(ProjectState.values)]
    state_name: str
    started_on: datetime.date | None
    budget: int | None = Field(description="In DKK.")
    committed: int = Field(description="Co-funding committed by the organisations behind it, in DKK.")
    lead: str
    lead_organisation: Named | None
    backers: list[BackerOut]
    milestones: list[MilestoneOut]
    ideas: list[IdeaRef] = Field(description="The public ideas it came from (see /ideas/{id}).")
    product: Named | None
    became_product_on: datetime.date | None


class ProjectFilters(Schema):
    state: Literal[tuple(ProjectState.values)] | None = None


def visible_projects():
    return (
        Project.objects.live()
        .select_related("lead_organisation")
        .prefetch_related(
            Prefetch(
                "backers",
                queryset=ProjectBacker.objects.select_related("organisation").order_by("sort_order"),
            ),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk")),
            Prefetch("ideas", queryset=Idea.objects.public().order_by("pk")),
        )
    )


def projects_data(request, projects):
    products = public_products_named({p.product_id for p in projects if p.product_id})
    return [project_data(request, project, products) for project in projects]


def _named(organisation):
    return {"slug": organisation.slug, "name": organisation.name} if organisation else None


def project_data(request, project, products):
    backers = list(project.backers.all())
    product = products.get(project.product_id)
    return {
        "slug": project.slug,
        "title": project.title,
        "url": request.build_absolute_uri(project.get_absolute_url()),
        "summary": project.summary,
        "description": project.description,
        "state": project.state,
        "state_name": project.get_state_display(),
        "started_on": project.started_on,
        "budget": int(project.budget) if project.budget is not None else None,
        "committed": int(sum(backer.amount or 0 for backer in backers)),
        "lead": project.lead_name,
        "lead_organisation": _named(project.lead_organisation),
        "backers": [
            {
                "organisation": _named(backer.organisation),
                "kind": backer.kind,
                "amount": int(backer.amount) if backer.amount is not None else None,
            }
            for backer in backers
        ],
        "milestones": [
            {
                "title": milestone.title,
                "date": milestone.due_on,
                "status": milestone.status,
                "status_name": milestone.get_status_display(),
            }
            for milestone in project.milestones.all()
        ],
        "ideas": [{"id": idea.pk, "title": idea.title} for idea in project.ideas.all()],
        "product": product,
        "became_product_on": project.became_product_on if product else None,
    }


@router.get(
    "/projects", response=responses(page_schema(ProjectOut)), summary="Projects", operation_id="list_projects"
)
def list_projects(request, filters: Query[ProjectFilters], paging: Query[Paging]):
    """Published projects, most recently started first."""
    projects = visible_projects()
    if filters.state:
        projects = projects.filter(state=filters.state)
    projects = projects.order_by("-started_on", "title")
    return page_of(request, projects, paging, lambda page: projects_data(request, page))


@router.get(
    "/projects/{slug}", response=responses(ProjectOut, 404), summary="One project", operation_id="get_project"
)
def get_project(request, slug: Annotated[str, Path(max_length=100, pattern=r"^[-a-zA-Z0-9_]+$")]):
    project = visible_projects().filter(slug=slug).first()
    if project is None:
        raise Http404
    return projects_data(request, [project])[0]
