"""A working group's meetings concern its members: they are shown with the group on the product's page
and on their own page, but the public events page (/arrangementer/) leaves them out, and so do its
calendar feeds, its filters (products and months that only hold meetings are not offered), its count of
events, the front page's next events and the product page's list of its events."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from community.events.calendar import event_uid
from community.models import EventIndexPage, EventKind, EventPage, WorkingGroup, WorkingGroupMeeting
from tests.markup import card_titles, parse, region, text

from .conftest import meeting

pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.calendar]


@pytest.fixture
def events(site):
    """Beside the group's meetings (one in 30 days, one 60 days ago): a public user day about OS2alfa in
    100 days, and a meeting of a group of OS2beta, which has no other events."""
    start = timezone.now() + datetime.timedelta(days=100)
    public = EventPage(
        title="Brugerdag for OS2alfa",
        slug="brugerdag-for-os2alfa",
        start=start,
        end=start + datetime.timedelta(hours=6),
        kind=EventKind.SEMINAR,
        place_name="Dokk1, Aarhus",
        related_products=[site["alfa"]],
    )
    EventIndexPage.in_default_language().add_child(instance=public)
    beta_group = WorkingGroup.objects.create(
        product=site["beta"], kind="styregruppe", name="Styregruppen for OS2beta"
    )
    beta_meeting = meeting(site["beta"], "Styregruppemøde OS2beta", 40)
    WorkingGroupMeeting.objects.create(group=beta_group, event=beta_meeting)
    return {"public": public, "meetings": [site["upcoming"], site["past"], beta_meeting]}


def listing(client, query=""):
    response = client.get("/arrangementer/" + query)
    assert response.status_code == 200
    return parse(response)


def count_text(document):
    return text(document.main.find(attrs={"role": "status"}))


def options(document, name):
    return [option["value"] for option in document.select(f"select[name={name}] option") if option["value"]]


def test_the_events_page_lists_public_events_without_the_meetings(client, events):
    upcoming = listing(client)
    assert card_titles(upcoming) == ["Brugerdag for OS2alfa"]
    assert count_text(upcoming) == "1 arrangement"
    archive = listing(client, "?tid=tidligere")
    assert card_titles(archive) == []
    assert count_text(archive) == "0 arrangementer"
    # Filtered by the meetings' product or kind, they stay out too.
    assert card_titles(listing(client, "?produkt=os2alfa&type=netvaerksmoede")) == []


def test_the_filters_offer_only_what_the_list_holds(client, events):
    upcoming = listing(client)
    # OS2beta has only a meeting, and the upcoming meetings' months hold no public event.
    assert options(upcoming, "produkt") == ["os2alfa"]
    assert options(upcoming, "maaned") == [f"{events['public'].start:%Y-%m}"]
    assert options(listing(client, "?tid=tidligere"), "maaned") == []


def test_the_calendar_feeds_leave_the_meetings_out(client, events):
    for feed in ("/arrangementer/kalender/", "/arrangementer/kalender/os2alfa/"):
        calendar = icalendar.Calendar.from_ical(client.get(feed).content)
        uids = {str(vevent["uid"]) for vevent in calendar.walk("VEVENT")}
        assert uids == {event_uid(events["public"])}, feed
    # OS2beta's events are only a meeting: its feed is empty, not missing.
    calendar = icalendar.Calendar.from_ical(client.get("/arrangementer/kalender/os2beta/").content)
    assert calendar.walk("VEVENT") == []


def test_a_meeting_keeps_its_own_page_and_calendar_file(client, events):
    meeting_page = events["meetings"][0]
    response = client.get(meeting_page.url)
    assert response.status_code == 200
    assert parse(response).h1.get_text(strip=True) == meeting_page.title
    calendar = icalendar.Calendar.from_ical(client.get(meeting_page.url + "kalender/").content)
    assert [str(vevent["uid"]) for vevent in calendar.walk("VEVENT")] == [event_uid(meeting_page)]


def test_the_product_page_shows_the_meetings_with_the_group_and_its_other_events_apart(client, events):
    page = parse(client.get("/produkter/os2alfa/"))
    groups = region(page, "Arbejdsgrupper")
    assert "Møde i koordinationsgruppen januar" in text(groups)
    events_heading = page.find("h2", string="Kommende arrangementer om OS2alfa")
    listed = text(events_heading.find_parent("section"))
    assert "Brugerdag for OS2alfa" in listed
    assert "Møde i koordinationsgruppen" not in listed


def test_the_front_page_leaves_the_meetings_out_of_the_next_events(client, events):
    page = parse(client.get("/"))
    heading = page.find(lambda tag: tag.name in ("h2", "h3") and text(tag) == "Kommende arrangementer")
    listed = text(heading.find_parent("section"))
    assert "Brugerdag for OS2alfa" in listed
    assert "Møde i" not in listed and "Styregruppemøde" not in listed
