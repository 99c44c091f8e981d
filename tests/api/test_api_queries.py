"""The open data API reads a page of products in a fixed number of queries: 200 products with their
levels, criteria, users, suppliers, prices, contacts and tags take no more queries than 10 do."""

import datetime
import random

import pytest

from community.models import Organisation
from products.criteria import GovernanceLevel, Theme
from products.models import (
    ContactPerson,
    CriterionAssessment,
    GovernanceCriterion,
    JoiningAgreement,
    JoiningPrice,
    ProductContact,
    ProductIndexPage,
    ProductPage,
    ProductSupplier,
)
from tests.factories import OrganisationFactory, catalogue

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

BUDGET = 15


def add_products(total):
    """Products up to `total`, each with users, a supplier, prices, a contact and assessments."""
    rng = random.Random(7)  # noqa: S311 - test data
    index = ProductIndexPage.in_default_language()
    organisations = list(Organisation.objects.filter(is_member=True)[:30])
    criteria = list(GovernanceCriterion.objects.all())
    person = ContactPerson.objects.create(name="Tove Holder", email="tove@example.dk")
    for number in range(total - ProductPage.objects.count()):
        product = ProductPage(
            title=f"Målprodukt {number}", slug=f"maalprodukt-{number}", tagline="Et produkt."
        )
        index.add_child(instance=product)
        JoiningAgreement.objects.bulk_create(
            JoiningAgreement(product=product, organisation=o, joined_on=datetime.date(2024, 1, 1))
            for o in rng.sample(organisations, 5)
        )
        ProductSupplier.objects.create(product=product, organisation=organisations[0], role="Drift")
        JoiningPrice.objects.create(product=product, size="under-25000", yearly_fee=10000)
        ProductContact.objects.create(product=product, person=person, role="tovholder")
        CriterionAssessment.objects.bulk_create(
            CriterionAssessment(
                product=product, criterion=c, rating="groen", assessed_on=datetime.date(2025, 1, 1)
            )
            for c in criteria[:5]
        )


@pytest.fixture
def site(db):
    """An empty catalogue, thirty member organisations and the governance criteria of three levels."""
    catalogue()
    OrganisationFactory.create_batch(30)
    for number, (theme, level) in enumerate(
        [
            (Theme.RELEVANS, GovernanceLevel.N1),
            (Theme.FORMKRAV, GovernanceLevel.N1),
            (Theme.GOVERNANCE, GovernanceLevel.N1),
            (Theme.FORMKRAV, GovernanceLevel.N2),
            (Theme.STRATEGI, GovernanceLevel.N2),
            (Theme.GOVERNANCE, GovernanceLevel.N3),
        ]
    ):
        GovernanceCriterion.objects.create(
            code=f"{theme}{number}", theme=theme, level=level, text=f"Kriterie {number}"
        )


def test_200_products_with_levels_in_a_fixed_number_of_queries(
    client, site, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # every answer is built, not read from the page cache
    add_products(200)
    client.get("/api/v1/products?page_size=10")  # the shared parts and criteria, once per site
    with django_assert_max_num_queries(BUDGET) as few:
        response = client.get("/api/v1/products?page_size=10")
    assert len(response.json()["results"]) == 10
    with django_assert_max_num_queries(BUDGET) as many:
        response = client.get("/api/v1/products?page_size=200&page=1", HTTP_ACCEPT="application/json")
    data = response.json()
    assert data["count"] == 200 and len(data["results"]) == 200
    assert all(product["governance"]["level"] for product in data["results"])
    assert len(many.captured_queries) == len(few.captured_queries)
