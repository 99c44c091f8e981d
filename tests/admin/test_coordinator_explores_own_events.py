"""A coordinator may add events on the events page, which in Wagtail lets them explore every page below
it. A coordinator of OS2mo still finds their own events (drafts too) in the explorer, the explorer
menu, the page search and the reports, and learns nothing there of another product's events: neither
a new event not yet published nor the draft title of a published one waiting for approval. The news
page and the screens of workflows name them nothing either. The secretariat sees every event. On a small
site built for the test: OS2mo and OS2kitos with their coordinators, the events and news pages, and a
published event about OS2kitos."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from community.events.pages import EventIndexPage, EventKind, EventPage
from community.news.models import NewsIndexPage, NewsPage
from products.permissions import ensure_secretariat_workflow
from tests.factories import (
    coordinated_catalogue,
    coordinator_of,
    news_section,
    publish_event_about,
)
from tests.factories import secretary as secretariat_member
from tests.markup import parse
from tests.markup import text as text_of

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

OWN_DRAFT = "Mit eget OS2mo-seminar"
OTHER_DRAFT = "Hemmeligt OS2kitos-seminar"
OTHER_PENDING = "Hemmelig ny titel til OS2kitos-dag"
OTHER_NEWS = "Hemmelig OS2kitos-nyhed"


@pytest.fixture(autouse=True)
def site():
    """The two products with a coordinator each, the news page, and OS2kitos's published event."""
    products = coordinated_catalogue("OS2mo", "OS2kitos")
    news_section()
    publish_event_about(products["os2kitos"], "OS2kitos-dag", days_ahead=10)
    return {
        "os2mo": products["os2mo"],
        "os2kitos": products["os2kitos"],
        "tovholder-os2mo": coordinator_of(products["os2mo"]),
        "tovholder-os2kitos": coordinator_of(products["os2kitos"]),
    }


@pytest.fixture
def coordinator(site):
    client = Client()
    client.force_login(site["tovholder-os2mo"])
    return client


@pytest.fixture
def secretary(site):
    client = Client()
    client.force_login(secretariat_member())
    return client


def new_event(title, product, author):
    """An event its author has written and not published, as the event form makes it."""
    start = (timezone.now() + datetime.timedelta(days=20)).replace(second=0, microsecond=0)
    event = EventPage(
        title=title,
        start=start,
        end=start + datetime.timedelta(hours=2),
        kind=EventKind.SEMINAR,
        place_name="Dokk1, Aarhus",
        related_products=[product],
        owner=author,
        live=False,
    )
    EventIndexPage.in_default_language().add_child(instance=event)
    event.save_revision(user=author, log_action=True)
    return event


@pytest.fixture
def events(site):
    """The coordinator's own draft; another product's draft sent for approval and locked by its
    author; another product's published event whose new title waits for approval."""
    kitos = site["os2kitos"]
    kitos_coordinator = site["tovholder-os2kitos"]
    own = new_event(OWN_DRAFT, site["os2mo"], site["tovholder-os2mo"])
    other = new_event(OTHER_DRAFT, kitos, kitos_coordinator)
    ensure_secretariat_workflow().start(other, kitos_coordinator)
    EventPage.objects.filter(pk=other.pk).update(
        locked=True, locked_by=kitos_coordinator, locked_at=timezone.now()
    )
    published = EventPage.objects.live().exclude(related_products__slug="os2mo").first()
    published.title = OTHER_PENDING
    published.save_revision(user=kitos_coordinator, log_action=True)
    ensure_secretariat_workflow().start(published, kitos_coordinator)
    return {"own": own, "other": other, "published": published}


@pytest.fixture
def news(site):
    author = site["tovholder-os2kitos"]
    page = NewsPage(title=OTHER_NEWS, live=False, owner=author)
    NewsIndexPage.objects.filter(locale__language_code="da").first().add_child(instance=page)
    page.save_revision(user=author, log_action=True)
    return page


def text(response):
    """The text a reader meets on the screen."""
    return text_of(parse(response))


def events_index():
    return EventIndexPage.in_default_language()


def explorer_urls():
    index = events_index().pk
    return [
        f"/admin/pages/{index}/",
        f"/admin/pages/{index}/results/",
        f"/admin/pages/{index}/?q=seminar",
        f"/admin/pages/{index}/?q=seminar&search_all=1",
        f"/admin/pages/{index}/?has_child_pages=false",
        "/admin/pages/search/?q=seminar",
        "/admin/pages/search/results/?q=seminar",
    ]


def test_explorer_and_search_show_the_coordinator_only_their_own_events(coordinator, events):
    for url in explorer_urls():
        response = coordinator.get(url)
        assert response.status_code == 200, url
        shown = text(response)
        assert OTHER_DRAFT not in shown, url
        assert OTHER_PENDING not in shown, url
        assert OWN_DRAFT in shown, url
    # They may still write events there.
    soup = parse(coordinator.get(f"/admin/pages/{events_index().pk}/"))
    assert soup.select_one(f'a[href="/admin/pages/{events_index().pk}/add_subpage/"]')


def test_explorer_and_search_show_the_secretariat_every_event(secretary, events):
    for url in explorer_urls():
        response = secretary.get(url)
        assert response.status_code == 200, url
        shown = text(response)
        assert OWN_DRAFT in shown, url
        assert OTHER_DRAFT in shown, url
        if "?q=" not in url:
            assert OTHER_PENDING in shown, url


def explorer_menu(client, parent):
    """The titles the explorer menu lists under `parent`, page after page (of at most 20)."""
    titles, offset = set(), 0
    while True:
        url = f"/admin/api/main/pages/?child_of={parent.pk}&for_explorer=1&limit=20&offset={offset}"
        response = client.get(url)
        assert response.status_code == 200, response.content
        answer = json.loads(response.content)
        titles |= {item["admin_display_title"] for item in answer["items"]}
        offset += 20
        if offset >= answer["meta"]["total_count"]:
            return titles


def test_explorer_menu_lists_the_coordinators_own_events(coordinator, secretary, events):
    titles = explorer_menu(coordinator, events_index())
    assert OWN_DRAFT in titles
    assert OTHER_DRAFT not in titles and OTHER_PENDING not in titles
    assert {OWN_DRAFT, OTHER_DRAFT, OTHER_PENDING} <= explorer_menu(secretary, events_index())


def test_another_products_event_is_not_opened_by_its_address(coordinator, events):
    for event in [events["other"], events["published"]]:
        response = coordinator.get(f"/admin/pages/{event.pk}/")
        assert OTHER_DRAFT not in text(response) and OTHER_PENDING not in text(response)


def test_news_page_names_no_draft_news(coordinator, secretary, news):
    index = news.get_parent()
    for url in [f"/admin/pages/{index.pk}/", "/admin/pages/search/?q=nyhed"]:
        assert OTHER_NEWS not in text(coordinator.get(url)), url
        assert OTHER_NEWS in text(secretary.get(url)), url


REPORTS = [
    "/admin/reports/locked/",
    "/admin/reports/aging-pages/",
    "/admin/reports/site-history/",
    "/admin/reports/site-history/results/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
]


def test_reports_and_dashboard_name_only_the_coordinators_own_events(coordinator, events, news):
    for url in ["/admin/", *REPORTS]:
        response = coordinator.get(url)
        assert response.status_code in {200, 302, 403}, url
        shown = text(response)
        assert OTHER_DRAFT not in shown and OTHER_PENDING not in shown and OTHER_NEWS not in shown, url
    history = text(coordinator.get("/admin/reports/site-history/"))
    assert OWN_DRAFT in history


def test_reports_and_dashboard_show_the_secretariat_every_event(secretary, events):
    # Pages awaiting the secretariat's approval, on the dashboard and in the workflow report.
    for url in ["/admin/", "/admin/reports/workflow/"]:
        shown = text(secretary.get(url))
        assert OTHER_DRAFT in shown and OTHER_PENDING in shown, url
    history = text(secretary.get("/admin/reports/site-history/"))
    assert OWN_DRAFT in history and OTHER_DRAFT in history
    assert OTHER_DRAFT in text(secretary.get("/admin/reports/locked/"))


def test_workflow_screens_are_the_secretariats(coordinator, events):
    for url in ["/admin/workflows/list/", "/admin/workflows/tasks/index/"]:
        response = coordinator.get(url)
        assert response.status_code in {302, 403}, url
        assert OTHER_DRAFT not in text(response)
