"""A product's users, pledges and suppliers are kept as HTML across editorial changes while they are
the same (products.views.organisation_lists, os2site.page_cache.kept_by_what_it_shows): after a change
the overview is the same HTML whether they come from that cache or are made afresh, and a changed name,
stage or role shows on the next request. On a product built for the test, with two users, a pledge
and a supplier."""

import datetime

import pytest

from community.models import Organisation
from os2site import page_cache
from os2site.caches import pages as cache
from products.models import JoiningAgreement, JoiningStage, ProductSupplier
from tests.factories import OrganisationFactory, ProductPageFactory, catalogue, uses
from tests.markup import parse, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def os2mo():
    product = ProductPageFactory(parent=catalogue(), title="OS2mo", slug="os2mo")
    uses(OrganisationFactory(name="Aarhus Kommune", slug="aarhus-kommune"), product)
    uses(OrganisationFactory(name="Ballerup Kommune", slug="ballerup-kommune"), product)
    JoiningAgreement.objects.create(
        product=product,
        organisation=OrganisationFactory(name="Favrskov Kommune", slug="favrskov-kommune"),
        stage=JoiningStage.TILSAGN,
        joined_on=datetime.date(2025, 1, 1),
    )
    ProductSupplier.objects.create(
        product=product,
        organisation=OrganisationFactory(name="Magenta ApS", slug="magenta-aps", kind="leverandoer"),
        role="Udvikling",
    )
    return product


def lists(client, product):
    """The overview's lists of organisations (users, pledges, suppliers), as a parser reads them."""
    response = client.get(product.url)
    assert response.status_code == 200
    return [str(item) for item in parse(response).main.find_all("li") if item.find("a", recursive=False)]


def made_afresh(client, product):
    """The lists with nothing cached at all."""
    cache.clear()
    page_cache.invalidate()
    return lists(client, product)


def texts(items):
    return [text(parse(item)) for item in items]


def test_the_lists_kept_are_the_lists_made_afresh(client, os2mo):
    afresh = made_afresh(client, os2mo)
    assert {"Aarhus Kommune", "Ballerup Kommune", "Favrskov Kommune", "Magenta ApS – Udvikling"} <= set(
        texts(afresh)
    )
    # A change elsewhere: a new generation, the overview built again with its lists from their cache.
    page_cache.invalidate()
    assert lists(client, os2mo) == afresh


def test_a_changed_name_stage_or_role_shows_on_the_next_request(client, os2mo):
    lists(client, os2mo)
    # Changed without the signals of an edit, then any editorial change: the lists are read again
    # and show what changed, not the HTML kept from before.
    Organisation.objects.filter(slug="aarhus-kommune").update(name="Aarhus Kommune (ny)")
    JoiningAgreement.objects.filter(organisation__slug="favrskov-kommune").update(
        stage=JoiningStage.TILSLUTTET
    )
    ProductSupplier.objects.filter(product=os2mo).update(role="Drift")
    page_cache.invalidate()

    page = client.get(os2mo.url).content.decode()
    shown = texts(lists(client, os2mo))
    assert "Aarhus Kommune (ny)" in shown
    assert "Magenta ApS – Drift" in shown and "Magenta ApS – Udvikling" not in shown
    assert "Bruges af 3 organisationer" in page and "Tilsagn fra" not in page
    # And exactly what the lists would be with nothing cached.
    assert lists(client, os2mo) == made_afresh(client, os2mo)
