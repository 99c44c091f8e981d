"""A product's coordinators may edit the events about their product, through the real admin views, and
no other events; they cannot publish them. On two products built for the test, an event about each,
logged in as a member of OS2mo's coordinators' group."""

import pytest

from community.models import EventPage
from products.models import ProductPage
from tests.factories import ProductPageFactory, catalogue, coordinator_of, events_page, publish_event_about

from .test_coordinator_permissions import refused

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture(autouse=True)
def events():
    index = catalogue()
    events_page()
    os2mo = ProductPageFactory(parent=index, title="OS2mo", slug="os2mo")
    kitos = ProductPageFactory(parent=index, title="OS2kitos", slug="os2kitos")
    return publish_event_about(os2mo, "Temadag om OS2mo"), publish_event_about(kitos, "Temadag om OS2kitos")


@pytest.fixture
def coordinator(client):
    user = coordinator_of(ProductPage.objects.get(slug="os2mo"))
    client.force_login(user)
    return user


def events_about(slug):
    return EventPage.objects.filter(related_products=ProductPage.objects.get(slug=slug))


def test_coordinator_edits_their_products_events_and_not_others(client, coordinator):
    own = events_about("os2mo").first()
    other = EventPage.objects.exclude(related_products__slug="os2mo").first()
    assert own is not None and other is not None
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert refused(client.get(f"/admin/pages/{other.pk}/edit/"))
    assert refused(client.get(f"/admin/pages/{other.pk}/history/"))
    assert not own.permissions_for_user(coordinator).can_publish()


def test_linking_an_event_to_a_product_gives_its_coordinators_the_event(client, coordinator):
    event = EventPage.objects.exclude(related_products__slug="os2mo").first()
    assert refused(client.get(f"/admin/pages/{event.pk}/edit/"))
    event.related_products.add(ProductPage.objects.get(slug="os2mo"))
    event.save_revision().publish()
    assert client.get(f"/admin/pages/{event.pk}/edit/").status_code == 200
    event.related_products.clear()
    event.save_revision().publish()
    assert refused(client.get(f"/admin/pages/{event.pk}/edit/"))
