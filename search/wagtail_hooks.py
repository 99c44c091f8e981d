from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from .directory import directory_members


@hooks.register("site_search_querysets")
def members_in_site_search():
    """Member organisations are found by site search too (only those the directory lists)."""
    return directory_members()


@hooks.register("home_page_sections")
def newest_members(request):
    """The newest members on the front page, leading to the member directory."""
    # Only what the cards show: the newest six are sorted out of every member, whole rows and all.
    members = (
        directory_members()
        .order_by(F("member_since").desc(nulls_last=True), "name")
        .only("name", "slug", "kind")[:6]
    )
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
