"""Site search finds published pages, is marked noindex, and answers any query without a 500."""

import os
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.site import PREVIEW, PREVIEW_GROUPS
from search.words import title_match

pytestmark = pytest.mark.factories


def test_search_finds_the_governance_page(client, site_pages):
    response = client.get("/soeg/", {"q": "governance"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/om-os2/governance/"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_search_without_results_helps_the_visitor(client, site_pages):
    html = client.get("/soeg/", {"q": "zzzyyyxxx"}).content.decode()
    assert "0 resultater" in html
    assert "Prøv et andet" in html


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
    html = client.get("/soeg/", {"q": "zyxkladde"}).content.decode()
    assert "0 resultater" in html
    assert "Hemmeligt udkast" not in html and "Lukket side" not in html
    assert client.get("/soeg/forslag/", {"q": "Lukket"}).json() == {"suggestions": []}
    assert client.get("/soeg/forslag/", {"q": "Hemmeligt"}).json() == {"suggestions": []}


def test_results_are_grouped_by_type_with_counts(client, site_pages, members):
    html = client.get("/soeg/", {"q": "kommune"}).content.decode()
    assert "Organisationer (" in html
    assert (
        'href="/medlemmer/ballerup-kommune/"'
        in client.get("/soeg/", {"q": "Ballerup", "type": "community.organisation"}).content.decode()
    )


def test_products_and_members_in_one_search(client, site_pages, members):
    """A product's page and the member organisations come from the same search box."""
    html = client.get("/soeg/", {"q": "OS2mo"}).content.decode()
    assert 'href="/produkter/os2mo/"' in html
    assert "Produkter (" in html


def test_filtering_by_type_pages_through_that_type_only(client, site_pages, members):
    html = client.get("/soeg/", {"q": "kommune", "type": "community.organisation"}).content.decode()
    assert html.count('class="search-hit"') == 10
    assert 'href="?q=kommune&amp;type=community.organisation&amp;page=2"' in html
    assert 'href="/produkter/' not in html.split("search-results", 1)[1]


def test_snippets_mark_the_words_found(client, site_pages):
    html = client.get("/soeg/", {"q": "medarbejdere"}).content.decode()
    assert "<mark>medarbejdere</mark>" in html


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
        html = client.get("/soeg/", {"q": "os2"}).content.decode()
    assert html.count('class="search-group"') > PREVIEW_GROUPS, "the word must be found in more types"
    with django_assert_max_num_queries(15):
        assert client.get("/soeg/", {"q": "kommune", "type": "community.organisation"}).status_code == 200


def test_the_types_titled_with_the_words_then_most_hits_are_previewed_and_the_rest_linked(client, every_type):
    """Types whose best hits are titled with the words come first, then the others; most hits first
    within each. The first PREVIEW_GROUPS types show their best hits, every type links to all of them."""
    document = BeautifulSoup(client.get("/soeg/", {"q": "os2"}).content, "html.parser")
    groups = document.select("main .search-group")
    counts = [int(group.h3.find(class_="text-muted").get_text(strip=True).strip("()")) for group in groups]
    titled = [
        any(title_match(hit.h4.get_text(strip=True), "os2") for hit in group.select(".search-hit"))
        for group in groups[:PREVIEW_GROUPS]
    ]
    first_untitled = titled.index(False)
    assert first_untitled > 0 and not any(titled[first_untitled:])
    for run in (counts[:first_untitled], counts[first_untitled:]):
        assert run == sorted(run, reverse=True)
    for number, group in enumerate(groups):
        hits = len(group.select(".search-hit"))
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
    """The active and the default locale come from the cached navigation, like the front page's."""
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
        html = client.get("/soeg/", {"q": "OS2mo"}).content.decode()
        assert 'href="/produkter/os2mo/"' in html
        assert "Produkter (" in html
        assert "Ballerup Kommune" in client.get("/soeg/", {"q": "Ballerup"}).content.decode()
        hidden = client.get("/soeg/", {"q": "zyxkladde"}).content.decode()
        assert "0 resultater" in hidden and "Lukket side" not in hidden
        assert client.get("/soeg/forslag/", {"q": "Lukket"}).json() == {"suggestions": []}
        if proxy:
            assert proxy.requests > 0
            proxy.close()


def test_home_page_leads_to_the_member_directory(client, members):
    html = client.get("/").content.decode()
    assert 'href="/medlemmer/"' in html
    assert "Nyeste medlemmer" in html


def test_ideas_are_found_but_never_hidden_ones_or_drafts(client, every_type):
    from community.models import Idea

    shown, hidden, draft = Idea.objects.public().order_by("pk")[:3]
    shown.title, hidden.title = "Fælles zyxsensor i skolerne", "Skjult zyxsensor"
    hidden.is_hidden = True
    shown.save()
    hidden.save()
    draft.title, draft.submitted_at = "Kladde om zyxsensor", None
    draft.save()

    html = client.get("/soeg/", {"q": "zyxsensor"}).content.decode()
    assert "Idéer (1)" in html
    assert f'href="{shown.get_absolute_url()}"' in html
    assert "Skjult zyxsensor" not in html and "Kladde om zyxsensor" not in html
    only_ideas = client.get("/soeg/", {"q": "zyxsensor", "type": "community.idea"}).content.decode()
    assert only_ideas.count('class="search-hit"') == 1 and shown.title in only_ideas
    suggestions = client.get("/soeg/forslag/", {"q": "zyxsens"}).json()["suggestions"]
    assert suggestions == [{"label": shown.title, "url": shown.get_absolute_url()}]
