"""Events in the open data API (/api/v1/events): published, public events with the events page's filters.
Seats are counted, never listed: who signed up is not published, and an online link meant for
participants only is left out."""

import datetime
import re
from typing import Literal

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from community.events.recurrence import LOCAL_TZ, Recurrence
from community.models import EventKind, EventPage
from home.locales import default_locale
from os2site.api import Named, Paging, page_of, page_schema, responses
from products.models import ProductPage

router = Router(tags=["events"])

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class EventOut(Schema):
    slug: str
    title: str
    url: str
    kind: Literal[tuple(EventKind.values)]
    kind_name: str
    start: datetime.datetime = Field(description="The first time, with its offset from UTC.")
    end: datetime.datetime
    time_zone: str
    next_start: datetime.datetime | None = Field(description="The next time it takes place; null when over.")
    recurrence: Literal[tuple(Recurrence.values)] | None
    recurrence_until: datetime.date | None
    cancelled: bool
    place_name: str | None
    address: str | None
    online: bool
    online_url: str | None = Field(description="Null when the link is sent to participants only.")
    organiser: Named | None = Field(description="Null: OS2's secretariat.")
    products: list[Named]
    registration_open: bool
    capacity: int | None = Field(description="Null: no limit.")
    seats_left: int | None = Field(description="Null: no limit.")
    calendar_url: str


class EventFilters(Schema):
    when: Literal["upcoming", "past"] = Field(
        "upcoming", description="Upcoming (soonest first) or past (newest first)."
    )
    kind: Literal[tuple(EventKind.values)] | None = None
    product: str | None = Field(None, max_length=100, description="About the product with this slug.")
    month: str | None = Field(None, pattern=MONTH.pattern, description="Takes place in this month (YYYY-MM).")
    place: Literal["physical", "online"] | None = None


def visible_events():

    return (
        EventPage.objects.live()
        .public()
        .filter(locale=default_locale())
        .select_related("organiser")
        .prefetch_related(
            Prefetch("related_products", queryset=ProductPage.objects.visible_to_public().order_by("title"))
        )
        .with_seat_counts()
    )


def event_data(request, event, now):
    local = timezone.localtime
    next_start = event.next_start(now)
    return {
        "slug": event.slug,
        "title": event.title,
        "url": request.build_absolute_uri(event.get_url(request)),
        "kind": event.kind,
        "kind_name": event.get_kind_display(),
        "start": local(event.start, LOCAL_TZ),
        "end": local(event.end, LOCAL_TZ),
        "time_zone": str(LOCAL_TZ),
        "next_start": local(next_start, LOCAL_TZ) if next_start else None,
        "recurrence": event.recurrence or None,
        "recurrence_until": event.recurrence_until,
        "cancelled": event.cancelled,
        "place_name": event.place_name or None,
        "address": event.address or None,
        "online": bool(event.online_url),
        "online_url": None if event.online_url_for_participants_only else (event.online_url or None),
        "organiser": {"slug": event.organiser.slug, "name": event.organiser.name}
        if event.organiser_id
        else None,
        "products": [{"slug": p.slug, "name": p.title} for p in event.related_products.all()],
        "registration_open": event.registration_open,
        "capacity": event.capacity,
        "seats_left": event.seats_left(),
        "calendar_url": request.build_absolute_uri(event.get_url(request) + "kalender/"),
    }


@router.get(
    "/events", response=responses(page_schema(EventOut)), summary="Events", operation_id="list_events"
)
def list_events(request, filters: Query[EventFilters], paging: Query[Paging]):
    """Published events, with the events page's filters (combined with AND)."""
    now = timezone.now()
    events = visible_events()
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.product:
        events = events.filter(
            related_products__in=ProductPage.objects.visible_to_public().filter(slug=filters.product)
        ).distinct()
    if filters.place == "physical":
        events = events.exclude(place_name="")
    elif filters.place == "online":
        events = events.exclude(online_url="")
    if filters.month:
        year, month = MONTH.match(filters.month).groups()
        events = events.in_month(int(year), int(month))
    if filters.when == "past":
        events = events.past(now).order_by("-start", "-pk")
    else:
        events = events.soonest_first(now)
    return page_of(request, events, paging, lambda page: [event_data(request, e, now) for e in page])


@router.get(
    "/events/{slug}", response=responses(EventOut, 404), summary="One event", operation_id="get_event"
)
def get_event(request, slug: str):
    event = visible_events().filter(slug=slug).first()
    if event is None:
        raise Http404
    return event_data(request, event, timezone.now())
