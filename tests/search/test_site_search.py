"""Site search finds published pages, is marked noindex, and answers any query without a 500."""

import os
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.site import PREVIEW, PREVIEW_GROUPS
from search.words import title_match
from tests.markup import hrefs, parse, region, result_links, search_groups, text

pytestmark = pytest.mark.factories


def search(client, **query):
    """The search page for this query, parsed."""
    response = client.get("/soeg/", query)
    assert response.status_code == 200, response.status_code
    return parse(response)


def summary(document):
    """What the search announces when it answers (its live heading: "3 resultater for »os2«")."""
    return text(document.main.find(attrs={"aria-live": "polite"}))


def addresses(document):
    """The addresses of the results, in order."""
    return [link["href"] for link in result_links(document.main)]


def group_labels(document):
    return [label for label, _count, _section in search_groups(document)]


def test_search_finds_the_governance_page(client, site_pages):
    document = search(client, q="governance")
    assert "/om-os2/governance/" in addresses(document)
    assert document.head.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_search_without_results_helps_the_visitor(client, site_pages):
    document = search(client, q="zzzyyyxxx")
    assert summary(document) == "0 resultater for »zzzyyyxxx«"
    assert "Prøv et andet" in text(document.main)


@pytest.mark.parametrize(
    "query",
    ['"', "AND OR NOT", "*", "æøå ÆØÅ", "\x00\x01", "a" * 10_000, "<script>alert(1)</script>", "(", "-"],
)
def test_any_query_gets_an_answer(client, site_pages, members, query):
    response = client.get("/soeg/", {"q": query, "page": "x"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.fixture
def hidden_pages(db, home_page):
    """A draft page and a login-restricted page, both holding a word no public page has."""
    from wagtail.models import PageViewRestriction

    from home.models import ContentPage

    draft = ContentPage(title="Hemmeligt udkast zyxkladde", slug="udkast", introduction="zyxkladde")
    home_page.add_child(instance=draft)
    draft.unpublish()
    restricted = ContentPage(title="Lukket side zyxkladde", slug="lukket", introduction="zyxkladde")
    home_page.add_child(instance=restricted)
    restricted.save_revision().publish()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    return draft, restricted


def test_unpublished_and_restricted_pages_never_appear(client, site_pages, hidden_pages):
    document = search(client, q="zyxkladde")
    assert summary(document).startswith("0 resultater")
    assert "Hemmeligt udkast" not in text(document) and "Lukket side" not in text(document)
    assert client.get("/soeg/forslag/", {"q": "Lukket"}).json() == {"suggestions": []}
    assert client.get("/soeg/forslag/", {"q": "Hemmeligt"}).json() == {"suggestions": []}


def test_results_are_grouped_by_type_with_counts(client, site_pages, members):
    assert "Organisationer" in group_labels(search(client, q="kommune"))
    assert "/medlemmer/ballerup-kommune/" in addresses(
        search(client, q="Ballerup", type="community.organisation")
    )


def test_products_and_members_in_one_search(client, site_pages, members):
    """A product's page and the member organisations come from the same search box."""
    document = search(client, q="OS2mo")
    assert "/produkter/os2mo/" in addresses(document)
    assert "Produkter" in group_labels(document)


def test_filtering_by_type_pages_through_that_type_only(client, site_pages, members):
    document = search(client, q="kommune", type="community.organisation")
    results = addresses(document)
    assert len(results) == 10 and all(href.startswith("/medlemmer/") for href in results)
    pages = document.find("nav", attrs={"aria-label": "Sidenavigation"})
    assert pages.find("a", rel="next")["href"] == "?q=kommune&type=community.organisation&page=2"


def test_snippets_mark_the_words_found(client, site_pages):
    marked = search(client, q="medarbejdere").main.find_all("mark")
    assert "medarbejdere" in {text(mark) for mark in marked}


def test_suggestions_as_you_type(client, site_pages):
    suggestions = client.get("/soeg/forslag/", {"q": "OS2m"}).json()["suggestions"]
    assert {"label": "OS2mo", "url": "/produkter/os2mo/"} in suggestions


def test_site_search_query_budget(client, every_type, settings, django_assert_max_num_queries):
    """Where every page type, organisations and ideas hold "os2". A word found in many types (here every page type with "os2", organisations and ideas) stays within
    the site's budget: one ranked query for the pages of every type with their counts, a count per
    registered model, then one query for each type previewed."""
    settings.PAGE_CACHE_SECONDS = 0  # pages rendered, not served from the page cache
    client.get("/soeg/", {"q": "kommune"})  # the shared parts of every page are built once
    with django_assert_max_num_queries(15):
        document = parse(client.get("/soeg/", {"q": "os2"}))
    assert len(search_groups(document)) > PREVIEW_GROUPS, "the word must be found in more types"
    with django_assert_max_num_queries(15):
        assert client.get("/soeg/", {"q": "kommune", "type": "community.organisation"}).status_code == 200


def test_the_types_titled_with_the_words_then_most_hits_are_previewed_and_the_rest_linked(client, every_type):
    """Types whose best hits are titled with the words come first, then the others; most hits first
    within each. The first PREVIEW_GROUPS types show their best hits, every type links to all of them."""
    _labels, counts, groups = zip(*search_groups(search(client, q="os2")), strict=True)
    titled = [
        any(title_match(text(link), "os2") for link in result_links(group))
        for group in groups[:PREVIEW_GROUPS]
    ]
    first_untitled = titled.index(False)
    assert first_untitled > 0 and not any(titled[first_untitled:])
    for run in (counts[:first_untitled], counts[first_untitled:]):
        assert list(run) == sorted(run, reverse=True)
    for number, group in enumerate(groups):
        hits = len(result_links(group))
        assert hits == (min(PREVIEW, counts[number]) if number < PREVIEW_GROUPS else 0)
        if hits < counts[number]:
            assert group.find("a", string=re.compile("Se alle"))


@pytest.mark.parametrize(
    ("path", "found"),
    [
        ("/soeg/?q=OS2", 'href="/om-os2/"'),
        ("/en/soeg/?q=OS2", 'href="/en/about-os2/"'),
        ("/soeg/forslag/?q=OS2m", "/produkter/os2mo/"),
        ("/en/soeg/forslag/?q=OS2m", "/produkter/os2mo/"),
    ],
)
def test_site_search_finds_the_visitors_language_without_asking_for_locales(
    client, every_type, settings, path, found
):
    """The active and the default locale are kept per page cache generation (home.locales)."""
    settings.PAGE_CACHE_SECONDS = 0  # every request is answered afresh
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert found in response.content.decode()
    locale_queries = [query["sql"] for query in captured if 'FROM "wagtailcore_locale"' in query["sql"]]
    assert locale_queries == []
    assert len(captured) > 0  # answered by the database, not from a cache


@pytest.mark.parametrize(
    "wagtail_backend", ["wagtail.search.backends.opensearch3", "wagtail.search.backends.elasticsearch8"]
)
def test_site_search_on_the_engine(
    client, site_pages, members, hidden_pages, settings, search_engine, wagtail_backend
):
    """The same view over Wagtail's OpenSearch and Elasticsearch backends (osmem-server, reached by
    the Elasticsearch client through the proxy in elastic_proxy.py): pages indexed with update_index
    are found, grouped and suggested; hidden pages still never show."""
    from django.core.management import call_command

    from .elastic_proxy import ElasticsearchProxy

    with search_engine.clone() as clone:
        proxy = ElasticsearchProxy(clone.url) if "elasticsearch" in wagtail_backend else None
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {
                "BACKEND": wagtail_backend,
                "URLS": [proxy.url if proxy else clone.url],
                "INDEX": "test_wagtail",
                "TIMEOUT": 5,
            }
        }
        call_command("update_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
        document = search(client, q="OS2mo")
        assert "/produkter/os2mo/" in addresses(document)
        assert "Produkter" in group_labels(document)
        assert "Ballerup Kommune" in [text(link) for link in result_links(search(client, q="Ballerup").main)]
        hidden = search(client, q="zyxkladde")
        assert summary(hidden).startswith("0 resultater") and "Lukket side" not in text(hidden)
        assert client.get("/soeg/forslag/", {"q": "Lukket"}).json() == {"suggestions": []}
        if proxy:
            assert proxy.requests > 0
            proxy.close()


def test_home_page_leads_to_the_member_directory(client, members):
    newest = region(parse(client.get("/")), "Nyeste medlemmer")
    assert "/medlemmer/" in hrefs(newest)


def test_ideas_are_found_but_never_hidden_ones_or_drafts(client, every_type):
    from community.models import Idea

    shown, hidden, draft = Idea.objects.public().order_by("pk")[:3]
    shown.title, hidden.title = "Fælles zyxsensor i skolerne", "Skjult zyxsensor"
    hidden.is_hidden = True
    shown.save()
    hidden.save()
    draft.title, draft.submitted_at = "Kladde om zyxsensor", None
    draft.save()

    document = search(client, q="zyxsensor")
    assert [(label, count) for label, count, _section in search_groups(document)] == [("Idéer", 1)]
    assert addresses(document) == [shown.get_absolute_url()]
    assert "Skjult zyxsensor" not in text(document) and "Kladde om zyxsensor" not in text(document)
    only_ideas = result_links(search(client, q="zyxsensor", type="community.idea").main)
    assert [text(link) for link in only_ideas] == [shown.title]
    suggestions = client.get("/soeg/forslag/", {"q": "zyxsens"}).json()["suggestions"]
    assert suggestions == [{"label": shown.title, "url": shown.get_absolute_url()}]
