"""/arrangementer/: upcoming events by default and the past ones in an archive, with the boundary
right (an event earlier today is past, one later today or still going on is upcoming, one spanning
midnight stays upcoming until it ends), filters by kind, product, place and month as plain
bookmarkable GET links, paging, bad filter values ignored, and a constant number of queries."""

import datetime

import pytest
from django.utils import timezone

from community.events import registration as event_registration
from community.events.recurrence import local_month_bounds
from community.models import EventPage
from tests.markup import card_titles, hrefs, parse, text

from ..conftest import controls_without_design_system_class, local

# Depends on the day it runs: .ci/run runs it on the calendar's edge days too.
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.calendar]


def listing(client, query=""):
    response = client.get("/arrangementer/" + query)
    assert response.status_code == 200
    return parse(response)


def titles(client, query=""):
    page = listing(client, query)
    return card_titles(page), page


def all_titles(client, query):
    """Titles over every page of a listing, following its "next" links."""
    found, page = titles(client, query)
    while following := page.find("nav", attrs={"aria-label": "Sidenavigation"}) and page.find(
        "a", rel="next"
    ):
        more, page = titles(client, following["href"])
        found += more
    return found


def card(page, title):
    """The listing's card of the event with this title."""
    [heading] = [link for link in page.main.select("article h3 a") if text(link) == title]
    return heading.find_parent("article")


def selected(page, name):
    """The value chosen in the filter `name`."""
    return [option["value"] for option in page.select(f"select[name={name}] option[selected]")]


def past_event(make_event, title, days_ago, **fields):
    start = timezone.now() - datetime.timedelta(days=days_ago)
    return make_event(title, start=start, end=start + datetime.timedelta(hours=2), **fields)


def monthly_series(make_event, title, first_day, until):
    """A monthly network meeting online, 13.00–14.00, from the day `first_day` to the day `until`."""
    first = local(first_day.year, first_day.month, first_day.day, 13, 0)
    return make_event(
        title,
        start=first,
        end=first + datetime.timedelta(hours=1),
        kind="netvaerksmoede",
        place_name="",
        online_url="https://meet.example.org/net",
        recurrence="monthly",
        recurrence_until=until,
    )


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
    make_event("Om en uge")
    past_event(make_event, "I sidste måned", 30)
    upcoming = all_titles(client, "?tid=kommende")
    past = all_titles(client, "?tid=tidligere")
    assert upcoming == ["Igangværende møde", "Eftermiddagsmøde i dag", "Om en uge"]
    # Default is upcoming, soonest first; the archive is newest first.
    assert titles(client)[0] == upcoming
    assert past == ["Morgenmøde i dag", "I sidste måned"]


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


def test_filters_by_kind_product_place_and_month(client, site, make_event):
    soon = timezone.localtime() + datetime.timedelta(days=40)
    make_event(
        "Webinar om OS2alfa",
        kind="webinar",
        place_name="",
        online_url="https://meet.example.org/x",
        products=[site["alfa"]],
        start=soon,
    )
    make_event("Workshop i Aarhus", kind="workshop", start=soon)
    make_event("Webinar om OS2beta", kind="webinar", place_name="", online_url="https://meet.example.org/y")
    make_event("Seminar om OS2alfa", products=[site["alfa"]], start=soon + datetime.timedelta(days=70))
    # A series that began before the month and meets in it too.
    series = monthly_series(
        make_event,
        "Netværksmøde",
        (soon - datetime.timedelta(days=60)).date(),
        (soon + datetime.timedelta(days=90)).date(),
    )

    by_kind = all_titles(client, "?type=webinar")
    assert sorted(by_kind) == ["Webinar om OS2alfa", "Webinar om OS2beta"]
    assert set(by_kind) == set(
        EventPage.objects.upcoming().filter(kind="webinar").values_list("title", flat=True)
    )
    assert sorted(all_titles(client, "?produkt=os2alfa")) == ["Seminar om OS2alfa", "Webinar om OS2alfa"]
    assert sorted(all_titles(client, "?sted=online")) == [
        "Netværksmøde",
        "Webinar om OS2alfa",
        "Webinar om OS2beta",
    ]
    assert sorted(all_titles(client, "?sted=fysisk")) == ["Seminar om OS2alfa", "Workshop i Aarhus"]
    month = all_titles(client, f"?maaned={soon:%Y-%m}")
    assert "Workshop i Aarhus" in month and "Seminar om OS2alfa" not in month
    # The series is listed by its occurrence in the month, not its first.
    assert "Netværksmøde" in month and series.start < local_month_bounds(soon.year, soon.month)[0]
    month_start, month_end = local_month_bounds(soon.year, soon.month)
    listed = EventPage.objects.upcoming().filter(title__in=month)
    assert listed and all(event.occurs_between(month_start, month_end) for event in listed)
    combined, page = titles(client, f"?type=workshop&sted=fysisk&maaned={soon:%Y-%m}")
    assert combined == ["Workshop i Aarhus"]
    # The filters keep their values, so the address can be bookmarked and shared.
    assert selected(page, "type") == ["workshop"]
    assert selected(page, "sted") == ["fysisk"]
    assert selected(page, "maaned") == [f"{soon:%Y-%m}"]


def test_archive_links_slides_and_recordings(client, make_event):
    recorded = past_event(
        make_event, "Temadag med optagelse", 20, recording_url="https://video.example.org/temadag"
    )
    past_event(make_event, "Workshop med slides", 15, slides_url="https://example.org/slides.pdf")
    past_event(make_event, "Møde uden materiale", 10)
    _, archive = titles(client, "?tid=tidligere")
    assert "Slides eller optagelse" in text(card(archive, "Temadag med optagelse"))
    assert "Slides eller optagelse" in text(card(archive, "Workshop med slides"))
    assert "Slides eller optagelse" not in text(card(archive, "Møde uden materiale"))
    page = parse(client.get(recorded.url))
    material = page.main.find("h2", string="Materiale fra arrangementet").find_next_sibling("ul")
    assert hrefs(material) == ["https://video.example.org/temadag"]


def test_full_events_are_marked(client, make_event):
    full = make_event("Fuldt seminar", capacity=1)
    event_registration.register(full, name="A", email="a@example.dk")
    event_registration.register(full, name="B", email="b@example.dk")
    make_event("Seminar med plads", capacity=5)
    _, page = titles(client)
    assert "Fuldt booket – venteliste" in text(card(page, "Fuldt seminar"))
    free = text(card(page, "Seminar med plads"))
    assert "5 pladser tilbage" in free and "Fuldt booket" not in free


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
def test_bad_filter_values_are_ignored(client, make_event, query):
    make_event("Kommende seminar")
    past_event(make_event, "Tidligere seminar", 10)
    page = listing(client, query)  # a page, never an error
    assert card_titles(page) in (["Kommende seminar"], ["Tidligere seminar"])
    # Nothing from the address reaches the page as markup.
    assert page.main.find("script") is None


def test_paging_keeps_filters(client, make_event):
    for number in range(12):
        past_event(make_event, f"Tidligere møde {number}", 10 + number)
    first, page = titles(client, "?tid=tidligere&type=")
    pages = page.find("nav", attrs={"aria-label": "Sidenavigation"})
    [link] = {link["href"] for link in pages.find_all("a", attrs={"aria-label": "Side 2"})}
    assert "tid=tidligere" in link
    second, _ = titles(client, link)
    assert first == [f"Tidligere møde {number}" for number in range(10)]
    assert second == ["Tidligere møde 10", "Tidligere møde 11"]


def test_listing_query_count_is_constant(client, site, django_assert_max_num_queries, make_event):
    for number in range(3):
        past_event(make_event, f"Tidligere {number}", 10 + number, products=[site["alfa"]])
        make_event(f"Kommende {number}", capacity=10, products=[site["beta"]])
    client.get("/arrangementer/")
    # The archive's first view also builds its months (a cached part), besides what Wagtail asks to
    # find the site and the front page.
    with django_assert_max_num_queries(22):
        client.get("/arrangementer/?tid=tidligere")
    with django_assert_max_num_queries(20):
        client.get("/arrangementer/")
    for number in range(8):
        event = make_event(f"Ekstra {number}", capacity=10, products=[site["alfa"], site["beta"]])
        event_registration.register(event, name="A", email="a@example.dk")
    # The first view after the change rebuilds the shared parts (the locales, the filters' products and
    # months), each `.public()` among them reading the view restrictions; still not one per event.
    with django_assert_max_num_queries(24):
        client.get("/arrangementer/")
    with django_assert_max_num_queries(20):
        client.get("/arrangementer/")


def test_filters_have_the_design_systems_classes(client, site):
    form = listing(client).find("form", attrs={"aria-labelledby": "filter-heading"})
    assert len(form.find_all("select")) == 4
    assert controls_without_design_system_class(str(form)) == []


def month_options(client, query=""):
    page = listing(client, query)
    return [option["value"] for option in page.select("select[name=maaned] option") if option["value"]]


def test_the_month_filter_offers_only_months_that_hold_events_of_the_tab(client, make_event):
    now = timezone.localtime()
    later = now + datetime.timedelta(days=200)
    make_event("Langt ude i fremtiden", start=later)
    make_event("Snart")
    monthly_series(
        make_event,
        "Netværksmøde",
        (now - datetime.timedelta(days=45)).date(),
        (now + datetime.timedelta(days=100)).date(),
    )
    past_event(make_event, "For et kvart år siden", 90)
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
    # A month with no upcoming event in it is not offered (there are some, after the series ends).
    empty = 0
    for offset in range(36):
        year, month = divmod(now.year * 12 + now.month - 1 + offset, 12)
        if not EventPage.objects.upcoming().in_month(year, month + 1).exists():
            empty += 1
            assert f"{year}-{month + 1:02d}" not in upcoming
    assert empty

    archive = month_options(client, "?tid=tidligere")
    assert archive == sorted(archive, reverse=True)
    assert all(value <= f"{now:%Y-%m}" for value in archive)
    past_month = EventPage.objects.past().filter(recurrence="").order_by("-start").first().start
    assert f"{timezone.localtime(past_month):%Y-%m}" in archive
