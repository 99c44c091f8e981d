"""A visitor finds an upcoming event on /arrangementer/, follows its sign-up link, signs up with name,
e-mail and answers, sees the confirmation with a personal link and gets the e-mail; the events page, the event page and
the confirmation pass the axe-core check, and the filters work without JavaScript."""

import re

import pytest
from django.core import mail

from community.models import EventPage, Registration

from .conftest import DESKTOP, check_accessibility, screenshot

pytestmark = [pytest.mark.browser]


def test_visitor_signs_up_for_an_event(page, live_demo):
    candidates = (
        EventPage.objects.live()
        .upcoming()
        .filter(guests_allowed=True, capacity__isnull=False, questions__label="Organisation")
        .with_seat_counts()
        .order_by("start")
    )
    event = next(event for event in candidates if not event.is_full())
    mail.outbox.clear()
    page.goto(live_demo.url + "/")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Arrangementer").click()
    page.wait_for_url("**/arrangementer/")
    check_accessibility(page)
    screenshot(page, "events")

    page.get_by_label("Type").select_option(event.kind)
    page.get_by_role("button", name="Vis arrangementer").click()
    page.wait_for_url(re.compile(rf".*type={event.kind}.*"))
    page.get_by_role("link", name=event.title, exact=True).first.click()
    page.wait_for_url(f"**{event.url}")
    check_accessibility(page)

    # The event page links to the form (a page with a form is never cached, an event page is).
    page.get_by_role("link", name="Tilmeld mig").click()
    page.wait_for_url(f"**{event.url}tilmeld/#tilmelding")
    check_accessibility(page)

    # Submitting empty shows the errors in Danish, tied to the fields.
    page.get_by_role("button", name="Tilmeld mig").click()
    assert page.get_by_text("Der er fejl i formularen").is_visible()
    check_accessibility(page)

    page.get_by_label("Navn").fill("Sofie Nielsen")
    page.get_by_label("E-mail").fill("sofie@ballerup.example.dk")
    page.get_by_label("Organisation").fill("Ballerup Kommune")
    page.get_by_role("group", name="Deltager du i frokosten?").get_by_label("Ja").check()
    page.get_by_role("button", name="Tilmeld mig").click()
    page.wait_for_url("**/tilmelding/**")
    assert page.get_by_text("Sofie Nielsen er tilmeldt").is_visible()
    check_accessibility(page)
    screenshot(page, "event-signed-up")

    registration = Registration.objects.get(email="sofie@ballerup.example.dk")
    assert registration.event_id == event.pk and registration.is_confirmed
    assert [m.to for m in mail.outbox] == [["sofie@ballerup.example.dk"]]

    page.get_by_role("button", name="Afmeld mig").click()
    assert page.get_by_text("Du er nu afmeldt").is_visible()
    registration.refresh_from_db()
    assert registration.is_cancelled


def test_event_filters_work_without_javascript(browser, live_demo):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_demo.url + "/arrangementer/")
    page.get_by_label("Sted").select_option("online")
    page.get_by_role("button", name="Vis arrangementer").click()
    assert "sted=online" in page.url
    page.get_by_role("link", name="Tidligere (arkiv)").click()
    assert "tid=tidligere" in page.url and "sted=online" in page.url
    assert page.get_by_label("Sted").input_value() == "online"
    context.close()
