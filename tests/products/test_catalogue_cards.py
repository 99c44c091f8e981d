"""The catalogue's cards are cached under what they show (products.catalogue.render_cards): after a change
the page is the same HTML whether its cards come from that cache or are all rendered afresh, and what a
change alters in a card shows on the next request. On a catalogue of four products built for the test,
with users and governance levels."""

import datetime

import pytest

from community.models import Organisation
from os2site import page_cache
from os2site.caches import pages as cache
from products.demo import ensure_criteria
from products.models import ProductPage
from tests.factories import OrganisationFactory, ProductPageFactory, assess, catalogue, uses
from tests.markup import card_links, field, parse, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture(autouse=True)
def products():
    ensure_criteria()
    index = catalogue()
    aarhus = OrganisationFactory(name="Aarhus Kommune")
    ballerup = OrganisationFactory(name="Ballerup Kommune")
    os2mo = ProductPageFactory(parent=index, title="OS2mo", slug="os2mo")
    os2kitos = ProductPageFactory(parent=index, title="OS2kitos", slug="os2kitos")
    ProductPageFactory(parent=index, title="OS2display", slug="os2display")
    ProductPageFactory(parent=index, title="OS2agora", slug="os2agora", status="projekt")
    for organisation in (aarhus, ballerup):
        uses(organisation, os2mo)
    uses(aarhus, os2kitos)
    assess(os2mo, [0, 1, 2], date=datetime.date(2026, 1, 15))
    assess(os2kitos, [0], date=datetime.date(2026, 1, 15))


def catalogue_html(client):
    """The catalogue's main content (filters and cards), as a parser reads it."""
    response = client.get("/produkter/")
    assert response.status_code == 200
    return str(parse(response).main)


def cards(html):
    """{title: HTML} of the catalogue's cards: each the article around its title's link."""
    return {text(link): str(link.find_parent("article")) for link in card_links(parse(html))}


def rendered_afresh(client):
    """The catalogue with nothing cached at all: every card rendered."""
    cache.clear()
    page_cache.invalidate()
    return catalogue_html(client)


def test_cards_from_the_cache_are_the_html_of_cards_rendered_afresh(client):
    afresh = rendered_afresh(client)
    assert len(cards(afresh)) == ProductPage.objects.live().count() == 4
    # A change elsewhere: a new generation, the catalogue is built again with its cards from their cache.
    page_cache.invalidate()
    assert catalogue_html(client) == afresh


def test_a_published_change_and_a_new_user_show_in_that_card_only(client):
    before = cards(catalogue_html(client))
    os2mo = ProductPage.objects.get(slug="os2mo")
    os2mo.tagline = "Et nyt, kort resumé af OS2mo."
    os2mo.save_revision().publish()
    os2kitos = ProductPage.objects.get(slug="os2kitos")
    uses(OrganisationFactory(name="Nyby Kommune", slug="nyby-kommune"), os2kitos)
    page_cache.invalidate()  # the agreement is saved by the secretariat in the admin, which starts one too

    after = cards(catalogue_html(client))
    assert "Et nyt, kort resumé af OS2mo." in after["OS2mo"]
    users = os2kitos.joining_agreements.filter(stage="tilsluttet").count()
    assert users == 2
    assert f"Bruges af {users} organisationer" in after["OS2kitos"]
    assert {title for title in before if before[title] != after[title]} == {"OS2mo", "OS2kitos"}
    # And exactly what the cards would be with nothing cached.
    assert cards(rendered_afresh(client)) == after


def filter_options(html, label):
    """The texts of the options of the catalogue's filter with this label."""
    return [text(option) for option in field(parse(html), label).find_all("option")]


def test_the_filters_as_first_shown_follow_the_names_and_counts_they_show(client):
    """The filters' options as first shown are kept across editorial changes while their names and
    counts are the same (products.catalogue.first_facets)."""
    assert "Aarhus Kommune (2)" in filter_options(catalogue_html(client), "Bruges af")
    # Changed without the signals of an edit, then any editorial change: the options are read again.
    Organisation.objects.filter(name="Aarhus Kommune").update(name="Aarhus Kommune (ny)")
    uses(
        OrganisationFactory(name="Nyby Kommune", slug="nyby-kommune"),
        ProductPage.objects.get(slug="os2display"),
    )
    page_cache.invalidate()
    users = filter_options(catalogue_html(client), "Bruges af")
    assert "Aarhus Kommune (ny) (2)" in users and "Nyby Kommune (1)" in users
    assert not any(option.startswith("Aarhus Kommune (2)") for option in users)
    assert catalogue_html(client) == rendered_afresh(client)
