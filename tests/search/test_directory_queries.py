"""The member directory's page costs a fixed number of database queries, however many members,
facet values or filters there are, with its counts cached or not; so do a profile page and the
suggestions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from community.members.models import AgreementKind
from community.models import Agreement, Organisation
from products.models import JoiningAgreement, ProductPage, ProductSupplier
from products.relations import JoiningStage
from search.directory import directory_members
from tests.conftest import clear_caches

pytestmark = pytest.mark.factories


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "kommune"},
        {"q": "kommune", "type": "kommune", "region": ["midtjylland", "nordjylland"], "bruger": "os2mo"},
        {"aftale": "partneraftale", "leverer": "os2mo", "sort": "nyeste", "page": "2"},
    ],
)
def test_directory_query_budget(client, members, django_assert_max_num_queries, params):
    client.get("/medlemmer/")
    with django_assert_max_num_queries(14):
        assert client.get("/medlemmer/", params).status_code == 200


def test_suggestions_query_budget(client, members, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert client.get("/medlemmer/forslag/", {"q": "kommune"}).status_code == 200


def add_members(count):
    """`count` current members and a few former ones, each using, supplying and having signed
    something, and found by the words and choices the budget tests use."""
    products = list(ProductPage.objects.live().order_by("title")[:4])
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Tællested Kommune {number}",
            slug=f"taellested-kommune-{number}",
            kind="kommune",
            region=["midtjylland", "nordjylland"][number % 2],
            member_since=f"20{10 + number % 15}-01-01",
            is_member=number % 10 != 0,
        )
        for number in range(count)
    )
    JoiningAgreement.objects.bulk_create(
        JoiningAgreement(
            product=product,
            organisation=organisation,
            stage=JoiningStage.TILSLUTTET if number % 3 else JoiningStage.TILSAGN,
            joined_on="2024-01-01",
        )
        for organisation in organisations
        for number, product in enumerate(products)
    )
    ProductSupplier.objects.bulk_create(
        ProductSupplier(product=products[0], organisation=organisation) for organisation in organisations
    )
    Agreement.objects.bulk_create(
        Agreement(organisation=organisation, kind=AgreementKind.PARTNERAFTALE, signed_on="2024-01-01")
        for organisation in organisations
    )
    get_search_backend().add_bulk(Organisation, organisations)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "kommune"},
        {"q": "kommune", "type": "kommune", "region": ["midtjylland", "nordjylland"], "bruger": "os2mo"},
        {"aftale": "partneraftale", "leverer": "os2mo", "sort": "nyeste", "page": "2"},
    ],
)
def test_uncached_directory_queries_do_not_grow_with_the_members(client, members, params):
    """With nothing cached, as after any change to the data, the page takes as many queries for ten
    times the members, with their joining agreements, supplier records and agreements."""

    def uncached_queries():
        clear_caches()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/medlemmer/", params).status_code == 200
        return len(captured)

    before = uncached_queries()
    members = directory_members().count()
    add_members(10 * members)
    assert directory_members().count() > 9 * members
    # The directory's own queries, and the navigation's, which the emptied cache no longer holds.
    assert uncached_queries() == before <= 21
