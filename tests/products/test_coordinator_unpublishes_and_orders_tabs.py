"""A product's coordinator takes their own tabs off the site and puts them in order, through Wagtail's
own unpublish and ordering views; another product's tabs stay out of their reach, and the product page
itself still goes through the secretariat to come off the site. On two products with three tabs each,
built for the test, logged in as a member of OS2mo's coordinators' group."""

import pytest
from django.test import Client

from products.models import ProductPage
from products.permissions import ensure_secretariat_workflow
from tests.factories import catalogue, coordinator_of, product_with_tabs
from tests.products.test_coordinator_permissions import refused

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def coordinator(client):
    index = catalogue()
    ensure_secretariat_workflow(index)
    os2mo = product_with_tabs(index, "OS2mo")
    product_with_tabs(index, "OS2kitos")
    user = coordinator_of(os2mo)
    client.force_login(user)
    return user


def tabs(slug):
    return list(ProductPage.objects.get(slug=slug).get_children().specific())


def test_coordinator_unpublishes_their_own_tab(client, coordinator):
    tab = next(t for t in tabs("os2mo") if t.live)
    assert client.get(f"/admin/pages/{tab.pk}/unpublish/").status_code == 200
    response = client.post(f"/admin/pages/{tab.pk}/unpublish/")
    assert response.status_code == 302
    tab.refresh_from_db()
    assert not tab.live
    assert Client().get(tab.url_path.replace("/home", "", 1)).status_code == 404
    # Off the site it is theirs to delete, as a draft of theirs would be.
    assert client.get(f"/admin/pages/{tab.pk}/delete/").status_code == 200


def test_coordinator_cannot_unpublish_the_product_itself_or_another_products_tab(client, coordinator):
    product = ProductPage.objects.get(slug="os2mo")
    assert refused(client.post(f"/admin/pages/{product.pk}/unpublish/"))
    other = next(t for t in tabs("os2kitos") if t.live)
    assert refused(client.post(f"/admin/pages/{other.pk}/unpublish/"))
    other.refresh_from_db()
    product.refresh_from_db()
    assert other.live and product.live


def test_coordinator_reorders_their_own_tabs(client, coordinator):
    before = tabs("os2mo")
    assert len(before) > 1
    last = before[-1]
    response = client.post(f"/admin/pages/{last.pk}/set_position/?position=0")
    assert response.status_code == 200
    after = tabs("os2mo")
    assert after[0].pk == last.pk
    assert [t.pk for t in after[1:]] == [t.pk for t in before[:-1]]
    # The explorer offers the ordering for their product.
    product = ProductPage.objects.get(slug="os2mo")
    assert "ordering=ord" in client.get(f"/admin/pages/{product.pk}/").content.decode()


def test_coordinator_cannot_reorder_another_products_tabs_or_move_a_tab_away(client, coordinator):
    before = [t.pk for t in tabs("os2kitos")]
    response = client.post(f"/admin/pages/{before[-1]}/set_position/?position=0")
    assert refused(response)
    assert [t.pk for t in tabs("os2kitos")] == before
    own = tabs("os2mo")[0]
    other_product = ProductPage.objects.get(slug="os2kitos")
    assert not own.permissions_for_user(coordinator).can_move_to(other_product)
