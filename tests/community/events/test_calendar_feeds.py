"""Calendar feeds parsed back with `icalendar`: one file per event, one feed of all events and one per
product (with subscribable webcal:// links), valid iCalendar with the Danish time zone included,
UIDs that stay the same when an event is edited, SEQUENCE that grows, and cancellations reflected."""

import datetime
import zoneinfo

import icalendar
import pytest
import time_machine
from django.utils import timezone

from community.events.calendar import event_uid
from community.models import EventPage, WorkingGroup, WorkingGroupMeeting
from tests import markup

from ..conftest import local

# Depends on the day it runs: .ci/run runs it on the calendar's edge days too.
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.calendar]


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["version"] == "2.0" and calendar["prodid"]
    return calendar


def vevents(calendar):
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_event_file_has_danish_time_zone_and_summer_time(client, make_event):
    event = make_event("Sommermøde", start=local(2026, 7, 1, 9, 0), end=local(2026, 7, 1, 12, 0))
    calendar = parse(client.get(event.url + "kalender/"))
    [timezone_component] = calendar.walk("VTIMEZONE")
    assert timezone_component["tzid"] == "Europe/Copenhagen"
    [vevent] = calendar.walk("VEVENT")
    assert vevent["dtstart"].params["TZID"] == "Europe/Copenhagen"
    start = vevent.decoded("dtstart")
    assert start == local(2026, 7, 1, 9, 0)
    assert start.astimezone(datetime.UTC).hour == 7
    assert vevent.decoded("dtend") - start == datetime.timedelta(hours=3)
    assert str(vevent["summary"]) == "Sommermøde"
    assert str(vevent["url"]).endswith(event.url)
    assert str(vevent["status"]) == "CONFIRMED"
    # The calendar's own time zone definition gives the same offsets as the tz database.
    tz = calendar.get_used_tzids()
    assert tz == {"Europe/Copenhagen"}


def test_all_events_feed_lists_upcoming_and_recent_events(client, site, make_event):
    now = timezone.now()
    upcoming = make_event("Kommende")
    recent = make_event("For et halvt år siden", start=now - datetime.timedelta(days=180))
    make_event("For over et år siden", start=now - datetime.timedelta(days=400))
    make_event("Kladde").unpublish()
    # A working group's meeting is shown with its group, not in the public feed.
    group = WorkingGroup.objects.create(product=site["alfa"], kind="styregruppe", name="Styregruppen")
    WorkingGroupMeeting.objects.create(
        group=group, event=make_event("Styregruppemøde", products=[site["alfa"]])
    )
    listing = markup.parse(client.get("/arrangementer/"))
    assert "webcal://os2.test/arrangementer/kalender/" in markup.hrefs(listing.main)
    calendar = parse(client.get("/arrangementer/kalender/"))
    entries = vevents(calendar)
    assert set(entries) == {event_uid(upcoming), event_uid(recent)}
    for entry in entries.values():
        assert entry.decoded("dtstart").tzinfo == zoneinfo.ZoneInfo("Europe/Copenhagen")


def test_product_feed_has_only_that_products_events(client, site, make_event):
    alfa = site["alfa"]
    mine = make_event("OS2alfa-workshop", products=[alfa])
    both = make_event("OS2alfa og OS2beta", products=[alfa, site["beta"]])
    make_event("Gammelt OS2alfa-møde", products=[alfa], start=timezone.now() - datetime.timedelta(days=400))
    make_event("Andet arrangement")
    make_event("OS2beta-dag", products=[site["beta"]])
    group = WorkingGroup.objects.create(product=alfa, kind="styregruppe", name="Styregruppen")
    WorkingGroupMeeting.objects.create(group=group, event=make_event("Styregruppemøde", products=[alfa]))
    entries = vevents(parse(client.get("/arrangementer/kalender/os2alfa/")))
    assert set(entries) == {event_uid(mine), event_uid(both)}
    assert client.get("/arrangementer/kalender/findes-ikke/").status_code == 404
    listing = markup.parse(client.get("/arrangementer/?produkt=os2alfa"))
    assert sorted(markup.card_titles(listing)) == ["OS2alfa og OS2beta", "OS2alfa-workshop"]


@time_machine.travel(local(2026, 12, 1, 9, 0))  # the feed holds the past year: the event stays in it
def test_updates_keep_the_uid_and_raise_the_sequence_and_cancellations_show(client, make_event):
    event = make_event("Før ændring", start=local(2027, 2, 1, 10, 0), end=local(2027, 2, 1, 12, 0))
    before = vevents(parse(client.get(event.url + "kalender/")))[event_uid(event)]

    event.title = "Efter ændring"
    event.start, event.end = local(2027, 2, 2, 10, 0), local(2027, 2, 2, 12, 0)
    event.save_revision().publish()
    event = EventPage.objects.get(pk=event.pk)
    after = vevents(parse(client.get("/arrangementer/kalender/")))[event_uid(event)]
    assert str(after["summary"]) == "Efter ændring"
    assert after.decoded("dtstart") == local(2027, 2, 2, 10, 0)
    assert int(after["sequence"]) > int(before["sequence"])

    event.cancelled = True
    event.save_revision().publish()
    cancelled = vevents(parse(client.get("/arrangementer/kalender/")))[event_uid(event)]
    assert str(cancelled["status"]) == "CANCELLED"
    assert int(cancelled["sequence"]) >= int(after["sequence"])


def test_unpublished_events_leave_the_feed(client, make_event):
    event = make_event()
    assert event_uid(event) in vevents(parse(client.get("/arrangementer/kalender/")))
    event.unpublish()
    assert event_uid(event) not in vevents(parse(client.get("/arrangementer/kalender/")))
