"""A product behind a view restriction (login, password or group) is nowhere for a visitor: not in the
member directory's facets, filters or suggestions, not on its users' and supplier's profiles (nor their
role text), not in the catalogue, on the front page, in the sitemap, the feeds, site search,
publiccode.yml, structured data, linked news, events and ideas. (The same on the search engine:
tests/search/test_restricted_products.py.) On a site built for the test: the front page and its English
version, the catalogue (in both languages), news, events, the member directory with a user, a pledger
and a supplier, and one public idea."""

import pytest
from wagtail.models import PageViewRestriction

from products.models import ProductIndexPage, ProductPage
from tests.markup import card_links, home_counts, parse
from tests.restricted_content import (
    KINDS,
    NAME,
    ROLE,
    assert_directory_hides_it,
    assert_nowhere,
    publish_product,
    restrict,
)

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def test_a_public_product_is_shown_where_the_restricted_one_is_not(client, zylofonia):
    """The same product without a restriction is found on the pages the other tests search: they look
    in the right places."""
    for path in [
        "/medlemmer/ballerup-kommune/",
        "/medlemmer/magenta-aps/",
        "/produkter/",
        zylofonia["news"].url,
        zylofonia["event"].url,
        zylofonia["idea"].get_absolute_url(),
    ]:
        assert NAME in client.get(path).content.decode(), path
    assert ROLE in client.get("/medlemmer/magenta-aps/").content.decode()
    assert "/produkter/zylofonia/" in client.get("/sitemap.xml").content.decode()
    assert NAME in client.get("/medlemmer/").content.decode()
    assert card_links(parse(client.get("/medlemmer/", {"bruger": "zylofonia"})))  # its user is listed
    assert client.get("/produkter/zylofonia/publiccode.yml").status_code == 200
    assert client.get("/nyheder/feed/rss/zylofonia/").status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_a_restricted_product_is_nowhere_for_a_visitor(client, zylofonia, kind):
    restrict(zylofonia["product"], kind)
    assert not ProductPage.objects.visible_to_public().filter(slug="zylofonia").exists()
    assert_nowhere(client, zylofonia)
    assert_directory_hides_it(client, "zylofonia")


def test_a_product_in_a_restricted_section_is_nowhere_either(client, zylofonia):
    """A restriction on the catalogue covers every product below it."""
    restrict(ProductIndexPage.in_default_language(), PageViewRestriction.LOGIN)
    assert not ProductPage.objects.visible_to_public().exists()
    assert_nowhere(client, zylofonia, closed=("/produkter/",))


def test_the_front_page_counts_only_products_visitors_may_open(client, site_for_a_restricted_product):
    def count():
        return home_counts(parse(client.get("/")))["produkter"]

    before = count()
    content = publish_product()
    assert count() == before + 1
    restrict(content["product"], PageViewRestriction.PASSWORD)
    assert count() == before
