"""A coordinator of OS2mo learns nothing of another product's drafts from Wagtail's
screens that list pages: the bulk actions' confirmations, the page types report and the confirmation
of a workflow's cancellation. The secretariat still sees them all. On a small catalogue built for the
test: OS2mo and OS2kitos with their tabs and coordinators, and an event about OS2kitos."""

import pytest
from django.test import Client

from community.events.pages import EventPage
from products.models import ProductTabPage
from products.permissions import ensure_secretariat_workflow
from tests.factories import coordinated_catalogue, coordinator_of, publish_event_about, secretary
from tests.markup import parse, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

SECRET = "Hemmelig kladde om OS2kitos"


@pytest.fixture(autouse=True)
def products():
    made = coordinated_catalogue("OS2mo", "OS2kitos")
    publish_event_about(made["os2kitos"], "Temadag om OS2kitos")
    return made


@pytest.fixture
def coordinator(client, products):
    client.force_login(coordinator_of(products["os2mo"]))
    return client


@pytest.fixture(name="secretary")
def secretary_client(products):
    client = Client()
    client.force_login(secretary())
    return client


@pytest.fixture
def other_draft(products):
    """Another product's tab with a draft change its coordinator has sent for approval."""
    tab = ProductTabPage.objects.filter(url_path__contains="/os2kitos/").first()
    tab.title = SECRET
    author = coordinator_of(products["os2kitos"])
    revision = tab.save_revision(user=author)
    ensure_secretariat_workflow().start(tab, author)
    assert revision.as_object().title == SECRET
    return ProductTabPage.objects.get(pk=tab.pk)


@pytest.fixture
def own_tab(products):
    return products["os2mo"].get_children().live().first()


def shown(response):
    """The text a reader meets on the screen."""
    return text(parse(response))


@pytest.mark.parametrize("action", ["delete", "move", "publish", "unpublish"])
def test_bulk_action_confirmation_leaves_out_other_products_pages(
    coordinator, secretary, other_draft, own_tab, action
):
    url = f"/admin/bulk/wagtailcore/page/{action}/?id={other_draft.pk}&id={own_tab.pk}"
    response = coordinator.get(url)
    assert response.status_code == 200
    assert SECRET not in shown(response)
    # The secretariat, who may act on every page, is asked about both.
    assert SECRET in shown(secretary.get(url))


def test_bulk_action_on_only_another_products_page_names_nothing(coordinator, other_draft):
    response = coordinator.get(f"/admin/bulk/wagtailcore/page/unpublish/?id={other_draft.pk}")
    assert SECRET not in shown(response)


def test_page_types_report_names_only_the_coordinators_pages(coordinator, secretary, other_draft):
    for url in ["/admin/reports/page-types-usage/", "/admin/reports/page-types-usage/results/"]:
        response = coordinator.get(url)
        assert response.status_code == 200
        assert SECRET not in shown(response)
    soup = parse(coordinator.get("/admin/reports/page-types-usage/"))
    # The tabs counted are the coordinator's own, as the list the count links to shows.
    tabs_count = soup.select_one('a[href$="/usage/products/producttabpage/"]')
    own_tabs = ProductTabPage.objects.filter(url_path__contains="/os2mo/").count()
    assert tabs_count.get_text(strip=True) == str(own_tabs)
    # The secretariat's report is Wagtail's: the page edited last is the other product's tab.
    assert SECRET in shown(secretary.get("/admin/reports/page-types-usage/"))


def test_workflow_cancellation_is_only_for_those_who_may_publish(coordinator, secretary, other_draft):
    url = f"/admin/pages/workflow/confirm_cancellation/{other_draft.pk}/"
    response = coordinator.get(url)
    assert response.status_code in {302, 403}
    assert SECRET not in shown(response)
    assert "Sekretariat" not in shown(response)
    assert secretary.get(url).status_code == 200


def test_another_products_unpublished_event_is_named_nowhere(coordinator):
    """Coordinators may add events on the events page, but an event about another product that is not on
    the site yet is not named in the report or the page chooser."""
    event = EventPage.objects.exclude(related_products__slug="os2mo").filter(live=True).first()
    event.title = "Hemmeligt arrangement om OS2kitos"
    event.save_revision()
    event.unpublish()
    for url in [
        "/admin/reports/page-types-usage/",
        f"/admin/choose-page/{event.get_parent().pk}/",
        "/admin/choose-page/search/?q=arrangement",
        f"/admin/bulk/wagtailcore/page/delete/?id={event.pk}",
    ]:
        response = coordinator.get(url)
        assert response.status_code == 200, url
        assert "Hemmeligt arrangement" not in shown(response), url
