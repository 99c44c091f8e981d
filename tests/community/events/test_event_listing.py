"""/arrangementer/: upcoming events by default and the past ones in an archive, with the boundary
right (an event earlier today is past, one later today or still going on is upcoming, one spanning
midnight stays upcoming until it ends), filters by kind, product, place and month as plain
bookmarkable GET links, paging, bad filter values ignored, and a constant number of queries."""

import datetime

import pytest
from django.utils import timezone

from community.events.recurrence import local_month_bounds
from community.models import EventPage
from products.models import ProductPage
from tests.markup import card_titles, parse

from ..conftest import controls_without_design_system_class, local

# Depends on the day it runs: .ci/run runs it on the calendar's edge days too.
pytestmark = pytest.mark.calendar


def titles(client, query=""):
    html = client.get("/arrangementer/" + query).content.decode()
    return card_titles(parse(html)), html


def all_titles(client, query):
    """Titles over every page of a listing."""
    found, html = titles(client, query)
    page = 2
    while f"page={page}" in html:
        more, html = titles(client, f"{query}&page={page}")
        found += more
        page += 1
    return found


def test_today_boundary(client, make_event):
    now = timezone.now()
    make_event(
        "Morgenmøde i dag", start=now - datetime.timedelta(hours=3), end=now - datetime.timedelta(hours=1)
    )
    make_event(
        "Eftermiddagsmøde i dag",
        start=now + datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=2),
    )
    make_event(
        "Igangværende møde", start=now - datetime.timedelta(hours=1), end=now + datetime.timedelta(hours=1)
    )
    upcoming = all_titles(client, "?tid=kommende")
    past = all_titles(client, "?tid=tidligere")
    assert "Eftermiddagsmøde i dag" in upcoming and "Igangværende møde" in upcoming
    assert "Morgenmøde i dag" in past and "Morgenmøde i dag" not in upcoming
    assert "Eftermiddagsmøde i dag" not in past
    # Default is upcoming, soonest first; the archive is newest first.
    assert titles(client)[0][0] == "Igangværende møde"
    assert past[0] == "Morgenmøde i dag"


def test_event_spanning_midnight_is_upcoming_until_it_ends(make_event):
    event = make_event("Hackathon", start=local(2026, 6, 10, 22, 0), end=local(2026, 6, 11, 2, 0))
    events = EventPage.objects.filter(pk=event.pk)
    assert events.upcoming(now=local(2026, 6, 11, 1, 0)).exists()
    assert not events.past(now=local(2026, 6, 11, 1, 0)).exists()
    assert events.past(now=local(2026, 6, 11, 2, 0, 1)).exists()
    assert event.when() == "onsdag 10. juni 2026, kl. 22.00 til torsdag 11. juni 2026, kl. 02.00"
    # It belongs to both months' filters when it crosses a month boundary.
    event.start, event.end = local(2026, 6, 30, 22, 0), local(2026, 7, 1, 2, 0)
    event.save()
    for month in (6, 7):
        start, end = local_month_bounds(2026, month)
        assert EventPage.objects.filter(pk=event.pk, start__lt=end, end__gte=start).exists()


def test_filters_by_kind_product_place_and_month(client, make_event):
    os2mo = ProductPage.objects.get(slug="os2mo")
    soon = timezone.localtime() + datetime.timedelta(days=40)
    make_event(
        "Webinar om OS2mo",
        kind="webinar",
        place_name="",
        online_url="https://meet.example.org/x",
        products=[os2mo],
        start=soon,
    )
    make_event("Workshop i Aarhus", kind="workshop", start=soon)
    by_kind = all_titles(client, "?type=webinar")
    assert "Webinar om OS2mo" in by_kind and "Workshop i Aarhus" not in by_kind
    assert set(by_kind) == set(
        EventPage.objects.upcoming().filter(kind="webinar").values_list("title", flat=True)
    )
    by_product = all_titles(client, "?produkt=os2mo")
    assert "Webinar om OS2mo" in by_product and "Workshop i Aarhus" not in by_product
    online = all_titles(client, "?sted=online")
    assert "Webinar om OS2mo" in online and "Workshop i Aarhus" not in online
    physical = all_titles(client, "?sted=fysisk")
    assert "Workshop i Aarhus" in physical and "Webinar om OS2mo" not in physical
    month = all_titles(client, f"?maaned={soon:%Y-%m}")
    assert "Workshop i Aarhus" in month
    # A series (the demo's monthly meetings) is listed by its occurrence in the month, not its first.
    month_start, month_end = local_month_bounds(soon.year, soon.month)
    listed = EventPage.objects.upcoming().filter(title__in=month)
    assert listed and all(event.occurs_between(month_start, month_end) for event in listed)
    combined, html = titles(client, f"?type=workshop&sted=fysisk&maaned={soon:%Y-%m}")
    assert "Workshop i Aarhus" in combined and "Webinar om OS2mo" not in combined
    # The filters keep their values, so the address can be bookmarked and shared.
    assert 'option value="workshop" selected' in html
    assert f'option value="{soon:%Y-%m}" selected' in html


def test_archive_links_slides_and_recordings(client, demo):
    _, html = titles(client, "?tid=tidligere")
    assert "Slides eller optagelse" in html
    past = EventPage.objects.past().exclude(recording_url="").first()
    page = client.get(past.url).content.decode()
    assert past.recording_url in page and "Materiale fra arrangementet" in page


def test_full_events_are_marked(client, demo):
    _, html = titles(client)
    assert "Fuldt booket – venteliste" in html


@pytest.mark.parametrize(
    "query",
    [
        "?type=ukendt",
        "?maaned=2026-13",
        "?maaned=abc",
        "?produkt=<script>",
        "?sted=x&tid=y",
        "?page=zz",
        "?page=999",
        "?tid=tidligere&page=-1",
    ],
)
def test_bad_filter_values_are_ignored(client, demo, query):
    response = client.get("/arrangementer/" + query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_paging_keeps_filters(client, demo):
    assert EventPage.objects.past().count() > 10
    first, html = titles(client, "?tid=tidligere&type=")
    pages = parse(html).find("nav", attrs={"aria-label": "Sidenavigation"})
    [link] = {link["href"] for link in pages.find_all("a", attrs={"aria-label": "Side 2"})}
    assert "tid=tidligere" in link
    second, _ = titles(client, link)
    assert len(first) == 10 and second and not set(first) & set(second)


def test_listing_query_count_is_constant(client, demo, django_assert_max_num_queries, make_event):
    client.get("/arrangementer/")
    with django_assert_max_num_queries(20):
        client.get("/arrangementer/?tid=tidligere")
    for number in range(8):
        make_event(f"Ekstra {number}", capacity=10)
    with django_assert_max_num_queries(20):
        client.get("/arrangementer/")


def test_filters_have_the_design_systems_classes(client, demo):
    html = client.get("/arrangementer/").content.decode()
    form = parse(html).find("form", attrs={"aria-labelledby": "filter-heading"})
    assert len(form.find_all("select")) == 4
    assert controls_without_design_system_class(str(form)) == []


def month_options(client, query=""):
    page = parse(client.get("/arrangementer/" + query))
    return [option["value"] for option in page.select("select[name=maaned] option") if option["value"]]


def test_the_month_filter_offers_only_months_that_hold_events_of_the_tab(client, make_event):
    now = timezone.localtime()
    later = now + datetime.timedelta(days=200)
    make_event("Langt ude i fremtiden", start=later)
    upcoming = month_options(client)
    assert upcoming == sorted(upcoming)
    assert f"{later:%Y-%m}" in upcoming
    # Every month offered holds an upcoming event or an occurrence of an upcoming series, and none lies
    # before this month.
    for value in upcoming:
        year, month = map(int, value.split("-"))
        month_start, month_end = local_month_bounds(year, month)
        assert month_end > now, value
        holding = EventPage.objects.upcoming().in_month(year, month)
        assert any(event.occurs_between(max(month_start, now), month_end) for event in holding), value
    # A month with no upcoming event in it is not offered (there are some, after the far event).
    for offset in range(36):
        year, month = divmod(now.year * 12 + now.month - 1 + offset, 12)
        if not EventPage.objects.upcoming().in_month(year, month + 1).exists():
            assert f"{year}-{month + 1:02d}" not in upcoming

    archive = month_options(client, "?tid=tidligere")
    assert archive == sorted(archive, reverse=True)
    assert all(value <= f"{now:%Y-%m}" for value in archive)
    past_month = EventPage.objects.past().filter(recurrence="").order_by("-start").first().start
    assert f"{timezone.localtime(past_month):%Y-%m}" in archive
