from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from .directory import directory_members


@hooks.register("site_search_querysets")
def members_in_site_search():
    """Member organisations are found by site search too (only those the directory lists)."""
    return directory_members()


# How many of the newest members the front page shows.
NEWEST = 6


@hooks.register("home_page_sections")
def newest_members(request):
    """The newest members on the front page, leading to the member directory."""
    # The newest by the date they joined, then those without a date, each by name. Only what the cards
    # show. Members with a date are read apart, in the order of their index
    # (Organisation.Meta.indexes): the first six of it, where sorting every member with its date put
    # last took PostgreSQL about 3 ms at 10,000 members. Those without a date are read only to fill up.
    shown = directory_members().only("name", "slug", "kind")
    members = list(shown.filter(member_since__isnull=False).order_by("-member_since", "name")[:NEWEST])
    if len(members) < NEWEST:
        members += shown.filter(member_since=None).order_by("name")[: NEWEST - len(members)]
    items = [
        {"heading": member.name, "url": member.get_absolute_url(), "text": member.get_kind_display()}
        for member in members
    ]
    return [
        {
            "heading": _("Nyeste medlemmer"),
            "items": items,
            "more_url": reverse("directory"),
            "more_label": _("Find medlemmer og partnere"),
            "order": 30,
        }
    ]
