"""The working groups as the public pages show them: a product's groups on its page, and an
organisation's people's seats on its profile. Built as plain values so they can be cached."""

from functools import partial

from django.db.models import Count, DateTimeField, Prefetch, Value
from django.urls import reverse
from django.utils import timezone

from home.i18n import localized_path
from os2site.page_cache import CLOCK_BOUND_SECONDS
from products.views import GROUPS_TAB_SLUG, shared_part

from ..events.pages import EventPage
from ..members.models import organisation_url_for_slug
from .models import (
    KIND_ORDER,
    ROLE_ORDER,
    GroupKind,
    RequestStatus,
    WorkingGroup,
    WorkingGroupMeeting,
    WorkingGroupMember,
)


def _contact(person, organisation_url):
    if person is None:
        return None
    organisation = person.organisation
    return {
        "name": person.name,
        "title": person.title,
        "email": person.email,
        "phone": person.phone,
        "organisation": organisation.name if organisation else "",
        "organisation_url": organisation_url(organisation.slug) if organisation else "",
    }


def product_groups(request, product):
    """Each group of the product with its mandate, contact, members, and next and past meetings."""
    organisation_url = organisation_url_for_slug()
    now = timezone.now()
    # Unordered: sorted below, and the model's order (by the product's title) joins two more tables.
    groups = (
        WorkingGroup.objects.filter(product=product)
        .order_by()
        .select_related("mandate", "contact__organisation")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=WorkingGroupMember.objects.select_related("user", "organisation"),
            ),
            Prefetch(
                "meetings",
                queryset=WorkingGroupMeeting.objects.filter(event__live=True, event__view_restrictions=None)
                .select_related("event", "minutes")
                .order_by("event__start"),
            ),
        )
    )
    result = []
    for group in sorted(groups, key=lambda g: (KIND_ORDER.get(g.kind, 99), g.sort_order, g.name)):
        members = sorted(
            group.members.all(), key=lambda m: (ROLE_ORDER.get(m.role, 99), m.person_name.casefold())
        )
        meetings = [
            {
                "title": meeting.event.title,
                "url": localized_path(meeting.event.get_url(request)),
                "when": meeting.event.when(),
                "minutes_url": meeting.minutes.url if meeting.minutes else "",
                "upcoming": meeting.event.end >= now,
            }
            for meeting in group.meetings.all()
        ]
        result.append(
            {
                "pk": group.pk,
                "name": group.name,
                "kind": group.get_kind_display(),
                "description": group.description,
                "mandate_url": group.mandate.url if group.mandate else "",
                "contact": _contact(group.contact, organisation_url),
                "members": [
                    {
                        "name": member.person_name,
                        "organisation": member.organisation.name if member.organisation else "",
                        "organisation_url": organisation_url(member.organisation.slug)
                        if member.organisation
                        else "",
                        "role": member.get_role_display(),
                    }
                    for member in members
                ],
                "next_meetings": [m for m in meetings if m["upcoming"]],
                # The latest first: the minutes people look for are the last meeting's.
                "past_meetings": [m for m in reversed(meetings) if not m["upcoming"]],
                "request_url": localized_path(reverse("working_group_request", args=[group.pk])),
                "leave_url": localized_path(reverse("working_group_leave", args=[group.pk])),
            }
        )
    return result


def groups_url(request, product):
    """Where a person sees the product's groups in full and their own standing in them: the
    "Arbejdsgrupper" tab, else the product's overview."""
    tab = product.tabs().filter(slug=GROUPS_TAB_SLUG).first()
    return localized_path((tab or product).get_url(request)) + "#arbejdsgrupper"


def product_group_summaries(request, product, tab_url):
    """The overview's short list: each group's name, kind, description, contact, number of members and
    next meeting, linking to the group on the product's "Arbejdsgrupper" tab at `tab_url`."""
    now = timezone.now()
    # After a change this is built again: the groups and their upcoming meetings are read as plain
    # rows in one query (a round trip and the prefetch's model instances less), only what is shown.
    # Unordered groups: sorted below, and the model's order (by the product's title) joins two more
    # tables. A meeting's row holds its event's title, address and times where a group's holds its
    # name, description and none.
    no_time = Value(None, output_field=DateTimeField())
    rows = (
        WorkingGroup.objects.filter(product=product)
        .order_by()
        .annotate(member_count=Count("members"), start=no_time, end=no_time)
        .values_list(
            "pk", "name", "kind", "description", "sort_order", "contact__name", "member_count", "start", "end"
        )
        .union(
            WorkingGroupMeeting.objects.filter(
                group__product=product, event__live=True, event__view_restrictions=None, event__end__gte=now
            )
            .order_by()
            .values_list(
                "group_id",
                "event__title",
                Value(""),
                "event__url_path",
                Value(0),
                Value(""),
                Value(0),
                "event__start",
                "event__end",
            ),
            all=True,
        )
        .order_by("start")
    )
    groups, next_meetings = [], {}
    for pk, name, kind, description, sort_order, contact, member_count, start, end in rows:
        if start is None:
            groups.append((pk, name, kind, description, sort_order, contact, member_count))
        elif pk not in next_meetings:
            # The first by its start; an event page as Wagtail gives its address and the event its time.
            next_meetings[pk] = EventPage(title=name, url_path=description, start=start, end=end)
    kinds = dict(GroupKind.choices)
    return [
        {
            "pk": pk,
            "name": name,
            "kind": str(kinds.get(kind, kind)),
            "description": description,
            "url": f"{tab_url}#gruppe-{pk}",
            "contact": contact or "",
            "member_count": member_count,
            "next_meeting": {
                "title": event.title,
                "url": localized_path(event.get_url(request)),
                "when": event.when(),
            }
            if (event := next_meetings.get(pk))
            else None,
        }
        for pk, name, kind, description, sort_order, contact, member_count in sorted(
            groups, key=lambda g: (KIND_ORDER.get(g[2], 99), g[4], g[1])
        )
    ]


def cached_product_group_summaries(request, product, tab_url):
    # The next meeting moves on with the clock, so it is kept only briefly.
    return shared_part(
        request,
        product,
        "working-group-summaries",
        [tab_url],
        partial(product_group_summaries, request, product, tab_url),
        CLOCK_BOUND_SECONDS,
    )


def cached_product_groups(request, product):
    # The next meetings move on with the clock, so they are kept only briefly.
    return shared_part(
        request, product, "working-groups", [], partial(product_groups, request, product), CLOCK_BOUND_SECONDS
    )


def user_standing(user):
    """The groups a signed-in person is in, and their open requests to join others: the ids of the groups
    they sit in, and a group id -> the address to withdraw the open request."""
    if not user.is_authenticated:
        return set(), {}
    seats = set(WorkingGroupMember.objects.filter(user=user).values_list("group_id", flat=True))
    asked = {
        group_id: localized_path(reverse("working_group_request_withdraw", args=[pk]))
        for pk, group_id in user.working_group_requests.filter(status=RequestStatus.PENDING).values_list(
            "pk", "group_id"
        )
    }
    return seats, asked


def member_groups(request):
    """Min side: the groups the person sits in (with their role) and their open requests, each with the
    address to leave or withdraw."""
    user = request.user
    seats = [
        {
            "group": seat.group.name,
            "product": seat.group.product.title,
            "product_url": localized_path(seat.group.product.get_url(request)) + "#arbejdsgrupper",
            "role": seat.get_role_display(),
            "organisation": seat.organisation.name if seat.organisation_id else "",
            "leave_url": localized_path(reverse("working_group_leave", args=[seat.group_id])),
        }
        for seat in WorkingGroupMember.objects.filter(user=user)
        .select_related("group__product", "organisation")
        .order_by("group__product__title", "group__sort_order", "group__name")
    ]
    requests = [
        {
            "group": open_request.group.name,
            "product": open_request.group.product.title,
            "product_url": localized_path(open_request.group.product.get_url(request)) + "#arbejdsgrupper",
            "requested_at": open_request.requested_at,
            "withdraw_url": localized_path(reverse("working_group_request_withdraw", args=[open_request.pk])),
        }
        for open_request in user.working_group_requests.filter(status=RequestStatus.PENDING)
        .select_related("group__product")
        .order_by("group__product__title", "group__name")
    ]
    return {"seats": seats, "requests": requests}


def organisation_seats(organisation):
    """Who of the organisation sits in which product's group, and in what role."""
    return (
        WorkingGroupMember.objects.filter(organisation=organisation)
        .filter(group__product__live=True, group__product__view_restrictions=None)
        .select_related("group__product", "user")
        .order_by("group__product__title", "group__sort_order", "group__name")
    )
