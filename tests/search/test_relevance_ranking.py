"""The database search backend ranks results by relevance in one pass over the full-text index, and
finds exactly what Wagtail's own backend for the database finds, in the same order."""

from collections import defaultdict

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends.database import SearchBackend as library_backend
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import insert_or_update_object

from community.models import Organisation
from home.models import HomePage
from tests.factories import ContentPageFactory, EventPageFactory, events_page

pytestmark = pytest.mark.factories

QUERIES = ["kommune", "aarhus kommune", "os2mo", "region", "zzzingenting"]


@pytest.fixture
def many_matches(members):
    """Sixty organisations with the same word: equal scores, so ties must be broken as the library does;
    and pages of several types naming the same words as the members, some in the title, some only in
    the text, some several times."""
    home = HomePage.objects.get(locale__language_code="da")
    for title, introduction in [
        ("Kommunernes fællesskab", "Kommuner og regioner udvikler OS2mo sammen."),
        ("Bliv en del af OS2", "Din kommune kan være med i OS2 fra i dag."),
        ("Regionernes samarbejde", "Region Midtjylland og Region Nordjylland i OS2."),
        ("Aarhus Kommune og OS2mo", "Aarhus Kommune bruger OS2mo, OS2forms og OS2kitos."),
    ]:
        ContentPageFactory(parent=home, title=title, introduction=introduction)
    for title in ["Arrangement om OS2mo", "Kommunernes arrangement", "Temadag for regioner i OS2"]:
        EventPageFactory(parent=events_page(), title=title)
    template = Organisation.objects.filter(kind="kommune").order_by("pk").first()
    added = []
    for number in range(60):
        organisation = Organisation.objects.get(pk=template.pk)
        organisation.pk = None
        organisation.name = f"Rangeret Kommune {number}"
        organisation.slug = f"rangeret-kommune-{number}"
        organisation.is_member = number % 4 != 0
        organisation.save()
        insert_or_update_object(organisation)
        added.append(organisation)
    return added


def library_configured_as_ours():
    """The library's own database backend, configured as ours (PostgreSQL's Danish configuration)."""
    params = settings.WAGTAILSEARCH_BACKENDS["default"]
    return library_backend({key: value for key, value in params.items() if key != "BACKEND"})


def searched(backend, text, queryset, start, stop):
    return [(type(obj), obj.pk) for obj in backend.search(text, queryset, operator="and")[start:stop]]


@pytest.mark.parametrize("text", QUERIES)
def test_the_same_results_in_the_same_order_as_the_library(many_matches, text):
    ours, library = get_search_backend(), library_configured_as_ours()
    members = Organisation.objects.filter(is_member=True)
    pages = Page.objects.live().specific()
    for queryset in (members, pages):
        for start, stop in [(0, 3), (0, 10), (5, 25), (40, 80)]:
            assert searched(ours, text, queryset, start, stop) == searched(
                library, text, queryset, start, stop
            )
        assert ours.search(text, queryset).count() == library.search(text, queryset).count()


@pytest.mark.parametrize("text", [*QUERIES, "os2", "arrangement"])
def test_the_best_of_each_type_with_their_counts_in_one_query(many_matches, text):
    """What site search previews: each page type's best three with their titles and how many of that
    type match, in one query, as the library finds them by searching one type at a time."""
    ours, library = get_search_backend(), library_configured_as_ours()
    pages = Page.objects.live()
    with CaptureQueriesContext(connection) as captured:
        ranked = ours.search(text, pages, operator="and").best_by_type(3)
    assert len(captured) == 1
    assert bool(ranked) == (text != "zzzingenting")
    best, counts, titles = defaultdict(list), {}, {}
    for object_id, content_type_id, count, title in ranked:
        best[content_type_id].append(int(object_id))
        counts[content_type_id] = count
        titles[int(object_id)] = title
    facet = library.search(text, pages, operator="and").facet("content_type_id")
    assert counts == {content_type_id: count for content_type_id, count in facet.items() if count}
    for content_type_id in counts:
        of_type = ContentType.objects.get_for_id(content_type_id).model_class().objects.live()
        of_type = of_type.filter(content_type_id=content_type_id)
        found = list(library.search(text, of_type, operator="and")[:3])
        assert best[content_type_id] == [page.pk for page in found]
        assert [titles[page.pk] for page in found] == [page.title for page in found]


def test_filters_paging_and_scores(many_matches):
    backend = get_search_backend()
    members = Organisation.objects.filter(is_member=True)
    everything = list(backend.search("rangeret", members))
    assert len(everything) == 45  # the former members (every fourth) are filtered out
    assert all(organisation.is_member for organisation in everything)
    pages = [list(backend.search("rangeret", members)[start : start + 10]) for start in range(0, 45, 10)]
    assert [organisation for page in pages for organisation in page] == everything
    scored = list(backend.search("rangeret", members).annotate_score("relevance")[:5])
    assert all(isinstance(organisation.relevance, float) for organisation in scored)


def test_on_sqlite_the_full_text_match_runs_once_per_search(many_matches):
    """The library's SQLite backend scores each match with a subquery that repeats the match; a common
    word then took seconds. PostgreSQL keeps the library's backend, which ranks in one pass already."""
    backend = get_search_backend()
    ranks_once = type(backend).__module__ == "search.sqlite_ranking"
    assert ranks_once == (connection.vendor == "sqlite")
    with CaptureQueriesContext(connection) as captured:
        found = list(backend.search("kommune", Organisation.objects.filter(is_member=True))[:10])
    assert len(found) == 10
    assert all(query["sql"].count(" MATCH ") <= 1 for query in captured.captured_queries)


def test_the_full_text_match_is_looked_up_in_an_index(members):
    """PostgreSQL matches `title || body`, which needs its own GIN index (search/migrations/0001);
    SQLite matches in its full-text table. Either way no search reads every indexed text."""
    from community.models import Idea

    backend = get_search_backend()
    results = backend.search("kommune", Idea.objects.public(), operator="and")
    compiler = results.query_compiler
    sql, params = compiler.search(compiler.get_config(backend), None, None).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The expression the search matches is the one indexed ...
            assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body")' in sql
            # ... and PostgreSQL can look it up there (the test data is too small to need an index).
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ plainto_tsquery(%s)",
                ["kommune"],
            )
            assert "search_indexentry_title_body_gin" in str(cursor.fetchall())
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            assert "VIRTUAL TABLE INDEX" in str(cursor.fetchall())
