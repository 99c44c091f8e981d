"""At a realistic volume (tens of products, each with users, suppliers, contacts, prices and tags) the
catalogue, a product page, the front page and the products API take no more queries than with a few.
The demo's handful of products, which tests/test_query_budgets.py counts on, cannot show a query made
once per product or per row. Counted as rendered (page cache off), both as every request but the
first after a change finds them (the shared parts cached) and as that first request."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2site import page_cache
from products.models import (
    ContactPerson,
    ContactRole,
    JoiningPrice,
    MunicipalitySize,
    ProductContact,
    ProductSupplier,
)
from tests.factories import OrganisationFactory, ProductPageFactory, catalogue, uses
from tests.markup import listed_under, parse
from tests.query_counts import warm_count

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def pages_rendered_each_time(settings, caches_of_its_own):
    """Counts are of pages rendered (page cache off), with the shared parts in the test's own cache,
    which nothing else empties between a warm-up and its count."""
    settings.PAGE_CACHE_SECONDS = 0


def counts(client, url):
    """(queries of a request with the shared parts cached, queries of the first request after a change)."""
    steady, response = warm_count(client, url)
    assert response.status_code == 200
    page_cache.invalidate()
    with CaptureQueriesContext(connection) as after_a_change:
        response = client.get(url)
    assert response.status_code == 200
    return steady, len(after_a_change)


def add_products(index, count):
    """`count` published products, each with three users, a pledge, a supplier, a contact, two prices
    and two tags."""
    products = []
    for _ in range(count):
        product = ProductPageFactory(parent=index)
        product.tags.add("sagsbehandling", f"emne-{next(_numbers)}")
        product.save()
        add_facts(product, 3)
        products.append(product)
    return products


def add_facts(product, users, prices=True):
    for _ in range(users):
        uses(OrganisationFactory(), product)
    organisation = OrganisationFactory()
    product.joining_agreements.create(organisation=organisation, stage="tilsagn", joined_on="2025-01-01")
    supplier = OrganisationFactory(kind="leverandoer", name=f"Leverandør {next(_numbers)}")
    ProductSupplier.objects.create(product=product, organisation=supplier, role="Drift")
    person = ContactPerson.objects.create(name=f"Kontakt {next(_numbers)}", organisation=organisation)
    ProductContact.objects.create(product=product, person=person, role=ContactRole.TOVHOLDER)
    for member in (True, False) if prices else ():
        JoiningPrice.objects.create(
            product=product,
            size=MunicipalitySize.UNDER_25K,
            member=member,
            joining_fee=10_000 + next(_numbers),
            yearly_fee=5_000,
        )


def test_the_catalogue_takes_as_many_queries_for_thirty_products_as_for_three(client):
    index = catalogue()
    first = add_products(index, 3)
    user = first[0].joining_agreements.filter(stage="tilsluttet").first().organisation
    views = ["/produkter/", f"/produkter/?bruger={user.slug}", "/produkter/?emne=sagsbehandling"]
    before = {url: counts(client, url) for url in views}
    more = add_products(index, 27)
    for url in views:
        after = counts(client, url)
        assert after[0] <= before[url][0] and after[1] <= before[url][1], (url, before[url], after)
    shown = parse(client.get("/produkter/?emne=sagsbehandling")).get_text()
    assert all(product.title in shown for product in first + more)


def test_a_product_page_takes_as_many_queries_with_thirty_users_and_contacts_as_with_three(client):
    product = add_products(catalogue(), 1)[0]
    before = counts(client, product.url)
    add_facts(product, 30, prices=False)
    for _ in range(10):
        add_facts(product, 0, prices=False)
    after = counts(client, product.url)
    assert after[0] <= before[0] and after[1] <= before[1], (before, after)
    assert len(listed_under(parse(client.get(product.url)).main, "Kontaktpersoner")) == 12


def test_the_front_page_takes_as_many_queries_for_thirty_products_as_for_three(client):
    index = catalogue()
    add_products(index, 3)
    before = counts(client, "/")
    add_products(index, 27)
    after = counts(client, "/")
    assert after[0] <= before[0] and after[1] <= before[1], (before, after)


def test_the_products_api_takes_as_many_queries_for_thirty_products_as_for_three(client):
    index = catalogue()
    add_products(index, 3)
    url = "/api/v1/products?page_size=200"
    before = counts(client, url)
    add_products(index, 27)
    after = counts(client, url)
    assert after[0] <= before[0] and after[1] <= before[1], (before, after)
    results = client.get(url).json()["results"]
    assert len(results) == 30
    for product in results:
        users = {user["organisation"]["name"] for user in product["users"] if user["stage"] == "tilsluttet"}
        assert len(users) == 3 and len(product["contacts"]) == len(product["suppliers"]) == 1
