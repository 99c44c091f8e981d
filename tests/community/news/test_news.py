"""/nyheder/: articles newest first with date, author, tags and products, paging and filters that keep
their values; the article page; RSS and Atom feeds of all news and per product, parsed back with
feedparser; unknown products and bad filter values never give an error page; constant query count.
On a small site built for the test: two products and the news page, on a fixed day."""

import datetime

import feedparser
import pytest
import time_machine
from django.db import transaction

from community.models import NewsPage
from products.models import ProductPage
from tests.factories import NewsPageFactory, ProductPageFactory, catalogue, news_section
from tests.markup import card_titles, hrefs, parse, text

NOW = datetime.datetime(2026, 12, 4, 10, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 12, 4)
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.time_machine(NOW, tick=False)]


def make_products():
    """The two products the articles are about, in a catalogue below the front page."""
    index = catalogue()
    return {
        "os2iot": ProductPageFactory(parent=index, title="OS2iot", slug="os2iot"),
        "os2mo": ProductPageFactory(parent=index, title="OS2mo", slug="os2mo"),
    }


@pytest.fixture
def products(db):
    return make_products()


@pytest.fixture
def news(products):
    return news_section()


@pytest.fixture(scope="class")
def archive(django_db_setup, django_db_blocker):
    """The two products, the news page and 22 articles, one a day back from today, made newest first
    (so their order is not the order they were made in), and a last one on today's date too, made
    after the others: it comes first. Publishing each takes a good while, so the archive is made once
    for the tests of a class, in a transaction rolled back after them; each test runs and is rolled
    back inside it, as the tests of a Django TestCase do with setUpTestData."""
    with django_db_blocker.unblock(), transaction.atomic(), time_machine.travel(NOW, tick=False):
        make_products()
        news_section()
        for days_ago in range(21):
            NewsPageFactory(title=f"Nyhed {days_ago}", date=TODAY - datetime.timedelta(days=days_ago))
        NewsPageFactory(title="Samme dag", date=TODAY, tags=["Fællesskab", "Produkter"])
        yield ["Samme dag"] + [f"Nyhed {days_ago}" for days_ago in range(21)]
        transaction.set_rollback(True)


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return parse(response)


class TestTheArchive:
    """What a reader gets of a full archive, made once for these tests."""

    def test_listing_is_newest_first_with_paging(self, client, archive):
        first = page(client, "/nyheder/")
        assert card_titles(first) == archive[:10]
        assert card_titles(page(client, "/nyheder/?page=2")) == archive[10:20]
        assert card_titles(page(client, "/nyheder/?page=3")) == archive[20:]
        assert text(first.find(attrs={"role": "status"})) == "22 nyheder"

    @pytest.mark.parametrize(
        ("query", "shown"),
        [
            # Unknown filters are dropped.
            ("?emne=findes-ikke", slice(0, 10)),
            ("?produkt=<b>", slice(0, 10)),
            ("?emne=" + "x" * 5000, slice(0, 10)),
            # A page number that is no number shows the first page; one out of range the last.
            ("?page=abc", slice(0, 10)),
            ("?page=0", slice(20, 22)),
            ("?page=99", slice(20, 22)),
        ],
    )
    def test_bad_filter_values_are_ignored(self, client, archive, query, shown):
        assert card_titles(page(client, "/nyheder/" + query)) == archive[shown]

    def test_rss_and_atom_feeds_of_all_news(self, client, archive):
        document = page(client, "/nyheder/")
        alternates = {link["type"]: link["href"] for link in document.find_all("link", rel="alternate")}
        assert alternates["application/rss+xml"] == "/nyheder/feed/rss/"
        assert alternates["application/atom+xml"] == "/nyheder/feed/atom/"
        assert {"/nyheder/feed/rss/", "/nyheder/feed/atom/"} <= set(hrefs(document.main))
        for path, version in (("/nyheder/feed/rss/", "rss20"), ("/nyheder/feed/atom/", "atom10")):
            response = client.get(path)
            assert response.status_code == 200
            feed = feedparser.parse(response.content)
            assert not feed.bozo, feed.bozo_exception
            assert feed.version == version
            assert feed.feed.title == "Nyheder fra OS2"
            # The twenty newest.
            assert [entry.title for entry in feed.entries] == archive[:20]
            entry = feed.entries[0]
            first = NewsPage.objects.get(title="Samme dag")
            assert entry.link == "https://os2.test/nyheder/" + first.slug + "/"
            assert entry.id == f"urn:uuid:{first.translation_key}"
            assert datetime.date(*entry.published_parsed[:3]) == TODAY
            assert {tag.term for tag in entry.tags} == {"Fællesskab", "Produkter"}

    def test_listing_query_count_is_constant(self, client, archive, django_assert_max_num_queries):
        os2mo = ProductPage.objects.get(slug="os2mo")
        client.get("/nyheder/")
        with django_assert_max_num_queries(20):
            client.get("/nyheder/")
        for number in range(10):
            NewsPageFactory(
                title=f"Ekstra {number}",
                tags=[f"Emne {number}", "Fælles"],
                related_products=[os2mo],
            )
        with django_assert_max_num_queries(20):
            assert card_titles(page(client, "/nyheder/"))[0] == "Ekstra 9"


def test_filters_by_tag_and_product(client, news, products):
    NewsPageFactory(
        title="Sensorer i byen",
        tags=["Sensorer"],
        related_products=[products["os2iot"]],
        author="Fjordkode ApS",
    )
    NewsPageFactory(
        title="Ny gateway", related_products=[products["os2iot"]], date=TODAY - datetime.timedelta(1)
    )
    NewsPageFactory(title="Andet emne", tags=["Andet"], related_products=[products["os2mo"]])
    by_tag = page(client, "/nyheder/?emne=sensorer")
    assert card_titles(by_tag) == ["Sensorer i byen"]
    chosen = by_tag.select_one('select[name="emne"] option[selected]')
    assert chosen["value"] == "sensorer"
    assert by_tag.select_one('select[name="produkt"] option[selected]') is None
    by_product = page(client, "/nyheder/?produkt=os2iot")
    assert card_titles(by_product) == ["Sensorer i byen", "Ny gateway"]
    assert by_product.select_one('select[name="produkt"] option[selected]')["value"] == "os2iot"


def test_article_page(client, news, products):
    article = NewsPageFactory(
        title="OS2mo 2.0",
        date=datetime.date(2026, 3, 4),
        author="Sekretariatet",
        tags=["Produkter"],
        related_products=[products["os2mo"]],
        introduction="Ny version.",
    )
    document = page(client, article.url)
    body = document.find("article")
    assert text(body.h1) == "OS2mo 2.0"
    assert text(body.find("time")) == "4. marts 2026" and body.find("time")["datetime"] == "2026-03-04"
    assert "Af Sekretariatet" in text(body)
    assert "Ny version." in text(body)
    links = hrefs(body)
    assert "/produkter/os2mo/" in links and "/nyheder/?emne=produkter" in links


def test_product_feed(client, news, products):
    mine = NewsPageFactory(title="Ny gateway til OS2iot", related_products=[products["os2iot"]])
    NewsPageFactory(
        title="Sensorer i byen", related_products=[products["os2iot"]], date=TODAY - datetime.timedelta(9)
    )
    NewsPageFactory(title="Ikke om OS2iot", related_products=[products["os2mo"]])
    feed = feedparser.parse(client.get("/nyheder/feed/rss/os2iot/").content)
    assert not feed.bozo
    assert feed.feed.title == "Nyheder om OS2iot fra OS2"
    assert [entry.title for entry in feed.entries] == [mine.title, "Sensorer i byen"]
    atom = feedparser.parse(client.get("/nyheder/feed/atom/os2iot/").content)
    assert atom.version == "atom10" and [entry.title for entry in atom.entries] == [
        mine.title,
        "Sensorer i byen",
    ]
    assert client.get("/nyheder/feed/rss/findes-ikke/").status_code == 404
    assert "/nyheder/feed/rss/os2iot/" in hrefs(page(client, "/nyheder/?produkt=os2iot").main)
    assert "/nyheder/feed/rss/os2iot/" not in hrefs(page(client, "/nyheder/").main)


def test_feed_escapes_text(client, news):
    NewsPageFactory(title="<script>alert(1)</script> & mere", introduction="<b>fed</b>")
    feed = feedparser.parse(client.get("/nyheder/feed/rss/").content)
    assert not feed.bozo
    assert feed.entries[0].title == "<script>alert(1)</script> & mere"
    listing = page(client, "/nyheder/")
    assert card_titles(listing) == ["<script>alert(1)</script> & mere"]
    assert not any("alert(1)" in script.get_text() for script in listing.find_all("script"))
    assert listing.main.find("b") is None
