"""Site search puts what is titled with the words first, across types: the product named in the query
is the first hit, on the database backend and on the search engine (Wagtail's OpenSearch and
Elasticsearch backends against osmem-server). OS2's compound product names are found by either part
("os2", "kitos")."""

import os

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from products.models import ProductPage
from search.words import EXACT, NO_MATCH, PREFIXES, WORDS, name_parts, title_match

pytestmark = pytest.mark.factories

PRODUCT_QUERIES = [
    ("os2mo", "os2mo"),
    ("OS2mo", "os2mo"),
    ("OS2kitos", "os2kitos"),
    ("kitos", "os2kitos"),
    ("os2faktor", "os2faktor"),
    ("OS2 faktor", "os2faktor"),
    ("datascanner", "os2datascanner"),
]


def search_page(client, query, **params):
    response = client.get("/soeg/", {"q": query, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def hit_links(document):
    """The hits' links in the order a visitor reads them."""
    return [link["href"] for link in document.select("main .search-hit h4 a")]


def group_headings(document):
    return [heading.get_text(" ", strip=True) for heading in document.select("main .search-group h3")]


def product_url(slug):
    return ProductPage.objects.get(slug=slug).url


@pytest.mark.parametrize(("query", "slug"), PRODUCT_QUERIES)
def test_the_product_named_is_the_first_hit(client, site_pages, query, slug):
    document = search_page(client, query)

    assert hit_links(document)[0] == product_url(slug)
    assert group_headings(document)[0].startswith("Produkter")


def test_the_product_comes_first_though_events_and_news_mention_it_more(client, site_pages):
    """Before, types came most hits first, and "os2mo" listed the product after its events, news
    and tabs."""
    document = search_page(client, "os2mo")
    headings = group_headings(document)

    assert headings[0] == "Produkter (1)"
    assert {"Arrangementer", "Nyheder", "Produktfaner"} <= {heading.split(" (")[0] for heading in headings}
    assert document.select_one("main .search-hit h4").get_text(strip=True) == "OS2mo"


def test_os2_finds_the_products(client, site_pages):
    """The word "OS2" is the first part of every product's name, so the products are found and come first."""
    document = search_page(client, "os2")
    products = document.select_one("main .search-group")

    assert products.h3.get_text(" ", strip=True) == f"Produkter ({ProductPage.objects.live().count()})"
    assert len(products.select(".search-hit")) == 3
    type_links = [link.get_text(" ", strip=True) for link in document.select("main .search-types a")]
    assert type_links[1].startswith("Produkter")


def test_within_a_type_the_page_titled_with_the_words_comes_first(client, site_pages):
    content_pages = [
        section
        for section in search_page(client, "os2").select("main .search-group")
        if section.h3.get_text(" ", strip=True).startswith("Indholdssider")
    ][0]

    assert content_pages.select_one(".search-hit h4").get_text(strip=True) == "Om OS2"


def test_how_a_title_matches_the_words():
    assert title_match("OS2mo", "os2mo") == EXACT
    assert title_match("Om OS2", "om  os2") == EXACT
    assert title_match("OS2kitos", "kitos") == WORDS
    assert title_match("OS2kitos", "OS2") == WORDS
    assert title_match("Generalforsamling i OS2", "generalforsamling") == WORDS
    assert title_match("Generalforsamling i OS2", "general") == PREFIXES
    assert title_match("Om", "os2mo") == NO_MATCH
    assert title_match("Om", "") == NO_MATCH
    assert name_parts("OS2mo") == "OS2 mo"
    assert name_parts("Generalforsamling i OS2") == ""


@pytest.fixture(params=["wagtail.search.backends.opensearch3", "wagtail.search.backends.elasticsearch8"])
def pages_on_the_engine(request, site_pages, settings, search_engine):
    """The pages indexed in a fresh engine (osmem-server), reached through the OpenSearch client
    or, through the proxy in elastic_proxy.py, the Elasticsearch client."""
    from .elastic_proxy import ElasticsearchProxy

    with search_engine.clone() as clone:
        proxy = ElasticsearchProxy(clone.url) if "elasticsearch" in request.param else None
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {
                "BACKEND": request.param,
                "URLS": [proxy.url if proxy else clone.url],
                "INDEX": "test_ranking",
                "TIMEOUT": 5,
            }
        }
        call_command("update_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
        yield
        if proxy:
            assert proxy.requests > 0
            proxy.close()


def test_on_the_engine_the_product_named_is_the_first_hit(client, pages_on_the_engine):
    for query, slug in PRODUCT_QUERIES:
        document = search_page(client, query)
        assert hit_links(document)[0] == product_url(slug), query
    products = search_page(client, "os2").select_one("main .search-group")
    assert products.h3.get_text(" ", strip=True).startswith("Produkter")
