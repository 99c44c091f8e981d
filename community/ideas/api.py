"""Ideas in the open data API (/api/v1/ideas): the ideas every visitor may see (submitted, not hidden),
with their state and its reasons, and the support organisations have pledged. The idea page names the
organisations that support an idea, so the API does too; the people who submitted or pledged are
never named."""

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Annotated, Literal

from django.db.models import Prefetch
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema

from community.ideas.models import LogKind, PledgeKind
from community.models import Idea, IdeaLogEntry, Pledge
from os2site.api import Named, Paging, page_of, page_schema, responses
from products.api import public_products_named

router = Router(tags=["ideas"])

Kind = Literal[tuple(PledgeKind.values)]


class StateOut(Schema):
    slug: str
    name: str
    description: str


class HistoryEntry(Schema):
    date: datetime.datetime
    state: Named | None
    reason: str | None


class KindTotal(Schema):
    kind: Kind
    kind_name: str
    count: int
    amount: int = Field(description="Co-funding pledged, in DKK.")


class Support(Schema):
    count: int
    amount: int = Field(description="Co-funding pledged, in DKK.")
    by_kind: list[KindTotal]


class Supporter(Schema):
    organisation: Named
    kind: Kind
    amount: int | None


class IdeaOut(Schema):
    id: int
    title: str
    url: str
    need: str
    benefit: str
    organisation: Named
    area: Named | None
    state: StateOut | None
    submitted_at: datetime.datetime
    history: list[HistoryEntry] = Field(description="Submission and state changes, oldest first.")
    support: Support
    supporters: list[Supporter]
    merged_into: int | None = Field(description="The id of the idea it was merged into.")
    became_product: Named | None


class IdeaFilters(Schema):
    state: str | None = Field(None, max_length=100, description="A state's slug.")
    area: str | None = Field(None, max_length=100, description="A product area's slug.")


def visible_ideas():
    return (
        Idea.objects.public()
        .select_related("organisation", "area", "state", "merged_into")
        .prefetch_related(
            Prefetch(
                "log",
                queryset=IdeaLogEntry.objects.filter(kind__in=[LogKind.SUBMITTED, LogKind.STATE])
                .select_related("to_state")
                .order_by("created_at", "pk"),
            ),
            Prefetch(
                "pledges", queryset=Pledge.objects.select_related("organisation").order_by("created_at", "pk")
            ),
        )
    )


def ideas_data(request, ideas):
    products = public_products_named({i.became_product_id for i in ideas if i.became_product_id})
    return [idea_data(request, idea, products) for idea in ideas]


def idea_data(request, idea, products):
    pledges = list(idea.pledges.all())
    by_kind = defaultdict(lambda: {"count": 0, "amount": Decimal(0)})
    for pledge in pledges:
        by_kind[pledge.kind]["count"] += 1
        by_kind[pledge.kind]["amount"] += pledge.amount or 0
    merged = idea.merged_into
    return {
        "id": idea.pk,
        "title": idea.title,
        "url": request.build_absolute_uri(idea.get_absolute_url()),
        "need": idea.need,
        "benefit": idea.benefit,
        "organisation": {"slug": idea.organisation.slug, "name": idea.organisation.name},
        "area": {"slug": idea.area.slug, "name": idea.area.name} if idea.area_id else None,
        "state": {"slug": idea.state.slug, "name": idea.state.name, "description": idea.state.description}
        if idea.state_id
        else None,
        "submitted_at": idea.submitted_at,
        "history": [
            {
                "date": entry.created_at,
                "state": {"slug": entry.to_state.slug, "name": entry.to_state.name}
                if entry.to_state_id
                else None,
                "reason": entry.reason or None,
            }
            for entry in idea.log.all()
        ],
        "support": {
            "count": len(pledges),
            "amount": int(sum(p.amount or 0 for p in pledges)),
            "by_kind": [
                {
                    "kind": kind,
                    "kind_name": str(label),
                    "count": by_kind[kind]["count"],
                    "amount": int(by_kind[kind]["amount"]),
                }
                for kind, label in PledgeKind.choices
            ],
        },
        "supporters": [
            {
                "organisation": {"slug": p.organisation.slug, "name": p.organisation.name},
                "kind": p.kind,
                "amount": int(p.amount) if p.amount is not None else None,
            }
            for p in pledges
        ],
        "merged_into": merged.pk if merged and merged.submitted_at and not merged.is_hidden else None,
        "became_product": products.get(idea.became_product_id),
    }


@router.get("/ideas", response=responses(page_schema(IdeaOut)), summary="Ideas", operation_id="list_ideas")
def list_ideas(request, filters: Query[IdeaFilters], paging: Query[Paging]):
    """Submitted ideas the secretariat has not hidden, newest first."""
    ideas = visible_ideas()
    if filters.state:
        ideas = ideas.filter(state__slug=filters.state)
    if filters.area:
        ideas = ideas.filter(area__slug=filters.area)
    ideas = ideas.order_by("-submitted_at", "-pk")
    return page_of(request, ideas, paging, lambda page: ideas_data(request, page))


@router.get("/ideas/{idea_id}", response=responses(IdeaOut, 404), summary="One idea", operation_id="get_idea")
def get_idea(request, idea_id: Annotated[int, Path(ge=1, le=2**31 - 1)]):
    idea = visible_ideas().filter(pk=idea_id).first()
    if idea is None:
        raise Http404
    return ideas_data(request, [idea])[0]
