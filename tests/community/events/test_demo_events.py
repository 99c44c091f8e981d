"""The demo has a year of events (past with material, upcoming open for sign-up, some full with a
waitlist); its events page is in the main menu."""

import datetime

import pytest
from django.utils import timezone

from community.models import EventIndexPage, EventPage
from tests.markup import hrefs, parse

# Depends on the day it runs: .ci/run runs it on the calendar's edge days too.
pytestmark = pytest.mark.calendar


def test_demo_events(client, demo):
    now = timezone.now()
    events = EventPage.objects.live()
    assert events.past(now).count() >= 10 and events.upcoming(now).count() >= 10
    first, last = events.order_by("start").first(), events.order_by("start").last()
    assert last.start - first.start >= datetime.timedelta(days=365)
    full = [event for event in events.upcoming(now) if event.is_full()]
    assert len(full) >= 2
    assert all(event.registrations.waitlist().exists() for event in full)
    assert events.past(now).exclude(slides_url="").exists()
    assert len({event.kind for event in events}) == 5
    assert EventIndexPage.in_default_language().show_in_menus
    assert "/arrangementer/" in hrefs(parse(client.get("/")))
