"""/nyheder/: articles newest first with date, author, tags and products, paging and filters that keep
their values; the article page; RSS and Atom feeds of all news and per product, parsed back with
feedparser; unknown products and bad filter values never give an error page; constant query count."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from community.models import NewsPage
from products.models import ProductPage
from tests.markup import card_titles, parse

# Depends on the day it runs: .ci/run runs it on the calendar's edge days too.
pytestmark = pytest.mark.calendar


def titles(html):
    return card_titles(parse(html))


def test_listing_is_newest_first_with_paging(client, demo):
    first = client.get("/nyheder/").content.decode()
    newest = list(NewsPage.objects.live().order_by("-date", "-pk").values_list("title", flat=True))
    assert titles(first) == newest[:10]
    second = client.get("/nyheder/?page=2").content.decode()
    assert titles(second) == newest[10:20]
    assert f"{len(newest)} nyheder" in first


def test_filters_by_tag_and_product(client, make_article):
    os2iot = ProductPage.objects.get(slug="os2iot")
    make_article("Sensorer i byen", tags=["Sensorer"], products=[os2iot], author="Fjordkode ApS")
    make_article("Andet emne", tags=["Andet"])
    html = client.get("/nyheder/?emne=sensorer").content.decode()
    assert titles(html) == ["Sensorer i byen"]
    assert 'value="sensorer" selected' in html
    by_product = titles(client.get("/nyheder/?produkt=os2iot").content.decode())
    assert "Sensorer i byen" in by_product and "Andet emne" not in by_product
    assert set(by_product) == set(
        NewsPage.objects.filter(related_products=os2iot).values_list("title", flat=True)
    )


@pytest.mark.parametrize(
    "query", ["?emne=findes-ikke", "?produkt=<b>", "?page=abc", "?page=0", "?emne=" + "x" * 5000]
)
def test_bad_filter_values_are_ignored(client, demo, query):
    response = client.get("/nyheder/" + query)
    assert response.status_code == 200
    # Unknown filters are dropped; a page number out of range shows the nearest page.
    assert titles(response.content.decode())


def test_article_page(client, make_article):
    os2mo = ProductPage.objects.get(slug="os2mo")
    article = make_article(
        "OS2mo 2.0",
        date=datetime.date(2026, 3, 4),
        author="Sekretariatet",
        tags=["Produkter"],
        products=[os2mo],
        introduction="Ny version.",
    )
    html = client.get(article.url).content.decode()
    assert "<h1>OS2mo 2.0</h1>" in html and "4. marts 2026" in html and "Af Sekretariatet" in html
    assert 'href="/produkter/os2mo/"' in html and 'href="/nyheder/?emne=produkter"' in html


def test_rss_and_atom_feeds_of_all_news(client, demo):
    html = client.get("/nyheder/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/nyheder/feed/rss/"' in html
    newest = list(NewsPage.objects.live().order_by("-date", "-pk")[:20])
    for path, version in (("/nyheder/feed/rss/", "rss20"), ("/nyheder/feed/atom/", "atom10")):
        response = client.get(path)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == version
        assert feed.feed.title == "Nyheder fra OS2"
        assert [entry.title for entry in feed.entries] == [article.title for article in newest]
        entry = feed.entries[0]
        assert entry.link == "https://os2.test" + newest[0].url
        assert entry.id == f"urn:uuid:{newest[0].translation_key}"
        assert datetime.date(*entry.published_parsed[:3]) == newest[0].date
        assert {tag.term for tag in entry.tags} == set(newest[0].tags.names())


def test_product_feed(client, make_article):
    os2iot = ProductPage.objects.get(slug="os2iot")
    mine = make_article("Ny gateway til OS2iot", products=[os2iot], date=timezone.localdate())
    make_article("Ikke om OS2iot")
    feed = feedparser.parse(client.get("/nyheder/feed/rss/os2iot/").content)
    assert not feed.bozo
    assert feed.feed.title == "Nyheder om OS2iot fra OS2"
    titles_in_feed = [entry.title for entry in feed.entries]
    assert titles_in_feed[0] == mine.title and "Ikke om OS2iot" not in titles_in_feed
    assert set(titles_in_feed) == set(
        NewsPage.objects.filter(related_products=os2iot).values_list("title", flat=True)
    )
    atom = feedparser.parse(client.get("/nyheder/feed/atom/os2iot/").content)
    assert atom.version == "atom10" and atom.entries[0].title == mine.title
    assert client.get("/nyheder/feed/rss/findes-ikke/").status_code == 404
    assert 'href="/nyheder/feed/rss/os2iot/"' in client.get("/nyheder/?produkt=os2iot").content.decode()


def test_feed_escapes_text(client, make_article):
    make_article("<script>alert(1)</script> & mere", introduction="<b>fed</b>")
    feed = feedparser.parse(client.get("/nyheder/feed/rss/").content)
    assert not feed.bozo
    assert feed.entries[0].title == "<script>alert(1)</script> & mere"
    assert "<script>" not in client.get("/nyheder/").content.decode()


def test_listing_query_count_is_constant(client, make_article, django_assert_max_num_queries):
    client.get("/nyheder/")
    with django_assert_max_num_queries(20):
        client.get("/nyheder/")
    os2mo = ProductPage.objects.get(slug="os2mo")
    for number in range(10):
        make_article(f"Ekstra {number}", tags=[f"Emne {number}", "Fælles"], products=[os2mo])
    with django_assert_max_num_queries(20):
        client.get("/nyheder/")
