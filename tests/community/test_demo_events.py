"""The demo has a year of events (past with material, upcoming open for sign-up, some full with a
waitlist) and news about the products; its events and news pages are in the main menu."""

import datetime

import pytest
from django.utils import timezone

from community.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage

# Depends on the day it runs: .ci/run runs it on the calendar's edge days too.
pytestmark = pytest.mark.calendar


def test_demo_events_and_news(client, demo):
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
    assert NewsPage.objects.live().count() >= 10
    assert NewsPage.objects.filter(related_products__isnull=False).exists()
    assert (
        EventIndexPage.in_default_language().show_in_menus
        and NewsIndexPage.in_default_language().show_in_menus
    )
    html = client.get("/").content.decode()
    assert 'href="/arrangementer/"' in html and 'href="/nyheder/"' in html
