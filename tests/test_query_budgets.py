"""Every public page type answers in at most 15 queries (a 404 in 4, Wagtail's own routing), and showing
more items does not take more queries: each test counts, adds items the page shows, checks they are
shown, and counts again.

The first request of each count warms the cached parts (menu, footer, breadcrumbs, locales, private
sections), as any request after the first on a running site finds them cached."""

import datetime
import itertools
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.search.index import insert_or_update_object

from community.ideas import services
from community.joining.pages import JoinPage
from community.models import EventIndexPage, EventPage, Idea, NewsIndexPage, NewsPage, Organisation
from home.models import ContentPage
from os2site import page_cache
from products.models import JoiningAgreement, JoiningStage, ProductPage, ProductTabPage
from tests.factories import publish_english_translation
from tests.markup import parse
from tests.query_counts import warm_count

BUDGET = 15
SEARCH_WORD = "Budgettest"  # in the title of every item added, so site search finds them
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def pages_rendered_each_time(settings, caches_of_its_own):
    """Counts are of pages rendered, not of pages served from the page cache (which take no queries);
    the cached parts are still used, as on a running site, in caches nothing else empties."""
    settings.PAGE_CACHE_SECONDS = 0


def queries(client, url, params=None, status=200):
    """(number of queries, html) of a request made on a warmed cache."""
    count, response = warm_count(client, url, params)
    assert response.status_code == status
    return count, response.content.decode()


def within_budget_and_constant(client, url, add_items, params=None, seed=False):
    """Counts, adds items, checks that they are shown and that the count did not grow. With `seed`,
    items are added once before the first count too, so a search finds some of each kind from the start."""
    if seed:
        add_items()
    before, _ = queries(client, url, params)
    assert before <= BUDGET, f"{url}: {before} queries"
    shown = add_items()
    after, html = queries(client, url, params)
    text_shown = parse(html).get_text()  # highlighted words are split by <mark>
    for text in shown:
        assert text in text_shown, f"{text!r} is not shown on {url}"
    assert after <= before, f"{url}: {before} queries, {after} with more items"


def product():
    return ProductPage.objects.live().get(slug="os2mo")


def add_events(count=3, products=()):
    index = EventIndexPage.in_default_language()
    titles = []
    for _ in range(count):
        number = next(_numbers)
        # Sooner than any demo event, so the home page's short list shows them.
        start = (timezone.now() + datetime.timedelta(hours=1, minutes=number)).replace(
            second=0, microsecond=0
        )
        event = EventPage(
            title=f"{SEARCH_WORD} arrangement {number}",
            slug=f"budgettest-arrangement-{number}",
            start=start,
            end=start + datetime.timedelta(hours=2),
            kind="seminar",
            place_name="Dokk1, Aarhus",
            introduction=f"{SEARCH_WORD} i Aarhus.",
            related_products=list(products),
        )
        index.add_child(instance=event)
        event.save_revision().publish()
        insert_or_update_object(event)
        titles.append(event.title)
    return titles


def add_articles(count=3, products=()):
    index = NewsIndexPage.in_default_language()
    titles = []
    for _ in range(count):
        number = next(_numbers)
        article = NewsPage(
            title=f"{SEARCH_WORD} nyhed {number}",
            slug=f"budgettest-nyhed-{number}",
            date=timezone.localdate() + datetime.timedelta(days=1),
            introduction=f"{SEARCH_WORD} om budgetter.",
            related_products=list(products),
        )
        index.add_child(instance=article)
        article.save_revision().publish()
        insert_or_update_object(article)
        titles.append(article.title)
    return titles


def add_products(count=3):
    index = ProductPage.objects.live().first().get_parent()
    titles = []
    for _ in range(count):
        number = next(_numbers)
        page = ProductPage(title=f"OS2budget{number}", slug=f"os2budget{number}", tagline="Et testprodukt.")
        page.tags.add(f"Budgetemne {number}")
        index.add_child(instance=page)
        titles.append(page.title)
    return titles


def add_organisations(count=3, **fields):
    template = Organisation.objects.public_members().filter(kind="kommune").order_by("name").first()
    names = []
    for _ in range(count):
        number = next(_numbers)
        organisation = Organisation.objects.get(pk=template.pk)
        organisation.pk = None
        organisation.name = f"Aa {SEARCH_WORD} Kommune {number}"  # first by name
        organisation.slug = f"budgetkommune-{number}"
        organisation.description = f"{SEARCH_WORD} hver måned."
        for name, value in fields.items():
            setattr(organisation, name, value)
        organisation.save()
        insert_or_update_object(organisation)  # as it is once the transaction commits
        JoiningAgreement.objects.create(
            product=product(),
            organisation=organisation,
            stage=JoiningStage.TILSLUTTET,
            joined_on="2021-01-01",
        )
        names.append(organisation.name)
    return names


def add_ideas(count=3):
    template = Idea.objects.public().order_by("pk").first()
    titles = []
    for _ in range(count):
        idea = Idea.objects.get(pk=template.pk)
        idea.pk = None
        idea.title = f"Budgetidé {next(_numbers)}"
        idea.form_token = uuid.uuid4()
        idea.submitted_at = timezone.now()  # newest first
        idea.save()
        titles.append(idea.title)
    return titles


def test_home_page(client, demo):
    within_budget_and_constant(client, "/", lambda: add_events(3) + add_articles(3))


def test_content_page_with_subpages(client, demo):
    page = ContentPage.objects.live().filter(depth=3).first()

    def add_subpages():
        titles = []
        for _ in range(3):
            child = ContentPage(title=f"Budgetside {next(_numbers)}", slug=f"budgetside-{next(_numbers)}")
            page.add_child(instance=child)
            titles.append(child.title)
        return titles

    within_budget_and_constant(client, page.url, add_subpages)


def test_catalogue(client, demo):
    within_budget_and_constant(client, "/produkter/", add_products)


def test_product_page(client, demo):
    os2mo = product()
    within_budget_and_constant(
        client,
        os2mo.url,
        lambda: (
            add_organisations(3)
            + add_events(2, products=[os2mo])
            + add_articles(2, products=[os2mo])
            + add_tabs(os2mo, 2)
        ),
    )


def add_tabs(product_page, count):
    titles = []
    for _ in range(count):
        number = next(_numbers)
        tab = ProductTabPage(title=f"Budgetfane {number}", slug=f"budgetfane-{number}")
        product_page.add_child(instance=tab)
        titles.append(tab.title)
    return titles


def test_product_tab(client, demo):
    os2mo = product()
    tab = ProductTabPage.objects.live().child_of(os2mo).first()
    within_budget_and_constant(client, tab.url, lambda: add_tabs(os2mo, 3))


@pytest.mark.parametrize(
    "params",
    [{}, {"q": SEARCH_WORD}, {"q": "kommune", "type": "kommune", "bruger": "os2mo", "sort": "navn"}],
    ids=["everyone", "words", "words-and-facets"],
)
def test_member_directory(client, demo, params):
    within_budget_and_constant(client, "/medlemmer/", add_organisations, params, seed=True)


def test_organisation_profile(client, demo):
    organisation = Organisation.objects.public_members().filter(kind="kommune").order_by("name").first()

    def add_joinings():
        titles = add_products(3)
        for page in ProductPage.objects.filter(title__in=titles):
            JoiningAgreement.objects.create(
                product=page, organisation=organisation, stage=JoiningStage.TILSLUTTET, joined_on="2022-01-01"
            )
        return titles

    within_budget_and_constant(client, organisation.get_absolute_url(), add_joinings)


def test_site_search(client, demo):
    def add_found():
        """Each type's count grows by three; which three of its hits are previewed is up to relevance."""
        add_events(3), add_articles(3), add_organisations(3)
        return [f"{label} ({len(found)})" for label, found in found_by_type().items()]

    def found_by_type():
        return {
            "Arrangementer": EventPage.objects.filter(title__contains=SEARCH_WORD),
            "Nyheder": NewsPage.objects.filter(title__contains=SEARCH_WORD),
            "Organisationer": Organisation.objects.filter(name__contains=SEARCH_WORD),
        }

    within_budget_and_constant(client, "/soeg/", add_found, {"q": SEARCH_WORD}, seed=True)


def test_events_list(client, demo):
    within_budget_and_constant(client, EventIndexPage.in_default_language().url, add_events)


def related_to_more_products(page):
    """Adds three products and relates `page` to them too, published; returns their titles."""

    def add():
        titles = add_products(3)
        page.related_products = list(page.related_products.all()) + list(
            ProductPage.objects.filter(title__in=titles)
        )
        page.save_revision().publish()
        return titles

    return add


def test_event_page(client, demo):
    event = EventPage.objects.live().first()
    within_budget_and_constant(client, event.url, related_to_more_products(event))


def test_news_list(client, demo):
    within_budget_and_constant(client, NewsIndexPage.in_default_language().url, add_articles)


def translated(add_pages, model):
    """Adds pages as `add_pages` does, each with a published English translation; returns the English
    titles."""

    def add():
        titles = []
        for page in model.objects.filter(title__in=add_pages()):
            number = next(_numbers)
            english = publish_english_translation(page, f"Budget test {number}", f"budget-test-{number}")
            titles.append(english.title)
        return titles

    return add


@pytest.mark.parametrize(
    ("path", "add_pages", "model"),
    [("/en/arrangementer/", add_events, EventPage), ("/en/nyheder/", add_articles, NewsPage)],
    ids=["events", "news"],
)
def test_english_list_with_translations(client, demo, path, add_pages, model):
    within_budget_and_constant(client, path, translated(add_pages, model), seed=True)


def test_english_home_page_with_translations(client, demo):
    # Not seeded: the front page shows only the next few events and articles, which those added then
    # would be.
    add_events_in_english = translated(add_events, EventPage)
    add_articles_in_english = translated(add_articles, NewsPage)
    within_budget_and_constant(client, "/en/", lambda: add_events_in_english() + add_articles_in_english())


def test_article(client, demo):
    article = NewsPage.objects.live().first()
    within_budget_and_constant(client, article.url, related_to_more_products(article))


def test_ideas_list(client, demo):
    within_budget_and_constant(client, "/ideer/", add_ideas)


def test_idea_page(client, demo):
    idea = Idea.objects.public().order_by("pk").first()

    def add_comments_and_pledges():
        bodies = []
        for organisation in Organisation.objects.public_members().exclude(pk=idea.organisation_id)[:3]:
            body = f"Budgetkommentar {next(_numbers)}"
            services.add_comment(idea, idea.submitter, organisation, body)
            services.add_pledge(idea, idea.submitter, organisation, "interesse")
            bodies.append(body)
        return bodies

    within_budget_and_constant(client, idea.get_absolute_url(), add_comments_and_pledges)


def test_join_page(client, demo):
    count, _ = queries(client, JoinPage.objects.live().first().url)
    assert count <= BUDGET


def test_not_found_takes_wagtails_routing_only(client, demo):
    # Wagtail finds the site, the front page in the visitor's language and routes (4 queries); the
    # redirects are asked only when one could match (home.redirects).
    count, html = queries(client, "/findes-ikke/", status=404)
    assert count <= 4
    assert "Siden blev ikke fundet" in html
    # The page still has the site's menu and footer (cached parts).
    assert 'id="site-menu"' in html
    assert "CVR" in html


# The most queries the first request after a change may take (30 where not given).
AFTER_A_CHANGE = {"/": 16, "/produkter/os2mo/": 22, "/findes-ikke/": 8}


@pytest.mark.parametrize("path", ["/findes-ikke/", "/", "/produkter/os2mo/", "/arrangementer/"])
def test_the_first_request_after_a_change_asks_nothing_twice(client, demo, path):
    """After a change each part (menu, footer, locales, private sections) is built once, and Wagtail
    finds the site and its settings once; no query is repeated but the view restrictions, which
    Wagtail's `.public()` reads each time it is used (in parts built once per generation)."""
    client.get(path)
    page_cache.invalidate()
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    statements = [query["sql"] for query in captured.captured_queries]
    repeated = {
        sql
        for sql in statements
        if statements.count(sql) > 1 and "wagtailcore_pageviewrestriction" not in sql
    }
    assert not repeated, repeated
    # A product's logo adds one (its rendition: the catalogue reads the product with its logo) and its
    # releases one; Wagtail routes a page two queries per level (the catalogue reads its product in one,
    # so the product page takes 3). A product's
    # working groups' summary adds one (the groups with their next meetings). Wagtail finds the site, its
    # settings and the front page itself, and each `.public()` in a part being built reads the view
    # restrictions. Only editorial changes start a new generation (os2site.page_cache). The front page's
    # member counts are one query, the next events come with their series in one, and a product's
    # users, pledges and suppliers in one.
    assert len(statements) <= AFTER_A_CHANGE.get(path, 30), (
        f"{path}: {len(statements)} queries after a change"
    )


# Columns no part of a product's overview shows. After every change its sections (the next events, the
# news, the idea and the project behind the product) and the working groups' next meetings are read
# again: they read only what they show, not the StreamFields and long texts of what they list.
UNSHOWN_COLUMNS = [
    '"community_eventpage"."body"',
    '"community_eventpage"."programme"',
    '"community_newspage"."body"',
    '"community_idea"."need"',
    '"community_idea"."benefit"',
    '"community_project"."description"',
]


@pytest.mark.parametrize("slug", ["os2mo", "os2iot"])
def test_a_products_parts_read_only_what_they_show(client, demo, slug):
    page = ProductPage.objects.live().get(slug=slug)
    client.get(page.url)
    page_cache.invalidate()
    with CaptureQueriesContext(connection) as captured:
        html = client.get(page.url).content.decode()
    # The parts in question are on the page (os2mo: events, news and working groups; os2iot: the
    # project behind it).
    assert "product-section" in html
    selected = " ".join(query["sql"].split(" FROM ")[0] for query in captured.captured_queries)
    read = [column for column in UNSHOWN_COLUMNS if column in selected]
    assert not read, f"{page.url} read {read} after a change"
