"""An event or news article translated into English is shown by its English version wherever English
visitors see it listed (the events and news pages, the front page, a product page, the calendar and
news feeds): its English title, introduction and English address. Pages not translated, or whose
translation is not published, are listed as before, and Danish listings never show the translations.
On a small site built for the test, in both languages: a product, the events and news pages, on a
fixed day."""

import datetime

import feedparser
import icalendar
import pytest
from django.utils import timezone

from community.events.calendar import event_uid
from community.events.demo import EVENTS_PAGE_EN
from community.models import EventIndexPage, NewsPage
from community.news.demo import NEWS_PAGE_EN
from home.addresses import absolute_url
from home.demo import english_locale, ensure_english_section
from home.models import HomePage
from products.demo import CATALOGUE_EN
from tests.factories import (
    EventPageFactory,
    NewsPageFactory,
    ProductPageFactory,
    catalogue,
    events_page,
    news_section,
    publish_english_translation,
)
from tests.markup import parse, text

NOW = datetime.datetime(2026, 12, 4, 10, tzinfo=datetime.UTC)
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.time_machine(NOW, tick=False)]


@pytest.fixture
def os2iot(db):
    """The front page, the catalogue with OS2iot, and the events and news pages, each in English too."""
    index = catalogue()
    events = events_page()
    news = news_section()
    home = HomePage.objects.get(locale__language_code="da")
    english_locale()
    publish_english_translation(home, "Home", "home")
    for page, spec in ((index, CATALOGUE_EN), (events, EVENTS_PAGE_EN), (news, NEWS_PAGE_EN)):
        ensure_english_section(page, spec)
    return ProductPageFactory(parent=index, title="OS2iot", slug="os2iot")


def make_event(title, products=(), **fields):
    return EventPageFactory(
        parent=EventIndexPage.in_default_language(),
        title=title,
        slug=title.lower().replace(" ", "-"),
        related_products=list(products),
        **fields,
    )


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def card_links(html):
    """{title: address} of the cards of a listing (an untranslated card's link is marked lang="da")."""
    headings = parse(html).main.select("article h2 a, article h3 a")
    return {text(link): link["href"] for link in headings}


def section_links(html):
    """{title: address} of the links in the card sections of the front page or a product page."""
    links = parse(html).find_all("a", href=lambda href: href.startswith("/"))
    return {text(link): link["href"] for link in links}


@pytest.fixture
def translated_event(os2iot):
    event = make_event(
        "Netværksmøde om IoT",
        start=(timezone.now() + datetime.timedelta(hours=1)).replace(second=0, microsecond=0),
        products=[os2iot],
        introduction="Vi mødes i Aarhus.",
    )
    english = publish_english_translation(
        event, "IoT network meeting", "iot-network-meeting", introduction="We meet in Aarhus."
    )
    return event, english


@pytest.fixture
def translated_article(os2iot):
    NewsPageFactory(title="Ældre nyhed", date=timezone.localdate() - datetime.timedelta(days=3))
    article = NewsPageFactory(
        title="Ny version af OS2iot",
        date=timezone.localdate() + datetime.timedelta(days=1),
        related_products=[os2iot],
        introduction="Nu med kort over sensorerne.",
    )
    english = publish_english_translation(
        article, "A new version of OS2iot", "new-version-of-os2iot", introduction="Now with a sensor map."
    )
    return article, english


def test_english_events_page_shows_the_english_version(client, translated_event):
    event, english = translated_event
    untranslated = make_event("Kun på dansk")
    assert english.url == "/en/arrangementer/iot-network-meeting/"
    cards = card_links(html_of(client, "/en/arrangementer/"))
    assert cards["IoT network meeting"] == "/en/arrangementer/iot-network-meeting/"
    assert event.title not in cards
    # Not translated: the Danish page at its English address, as before.
    assert cards["Kun på dansk"] == "/en" + untranslated.url
    danish = card_links(html_of(client, "/arrangementer/"))
    assert danish[event.title] == event.url and "IoT network meeting" not in danish


def test_english_news_page_shows_the_english_version(client, translated_article):
    article, english = translated_article
    html = html_of(client, "/en/nyheder/")
    cards = card_links(html)
    assert cards["A new version of OS2iot"] == "/en/nyheder/new-version-of-os2iot/"
    # Not translated: the Danish article at its English address.
    older = NewsPage.objects.get(title="Ældre nyhed")
    assert cards["Ældre nyhed"] == "/en" + older.url
    listing = text(parse(html).main)
    assert "Now with a sensor map." in listing
    assert article.title not in listing and article.introduction not in listing
    danish = html_of(client, "/nyheder/")
    listing = text(parse(danish).main)
    assert card_links(danish)[article.title] == article.url and "Nu med kort over sensorerne." in listing
    assert english.title not in listing and "Now with a sensor map." not in listing


def test_an_unpublished_translation_is_not_listed(client, translated_event):
    event, english = translated_event
    english.unpublish()
    cards = card_links(html_of(client, "/en/arrangementer/"))
    assert cards[event.title] == "/en" + event.url and english.title not in cards


@pytest.mark.parametrize(
    ("danish_path", "english_path"),
    [("/", "/en/"), ("/produkter/os2iot/", "/en/produkter/os2iot/")],
    ids=["front-page", "product-page"],
)
def test_sections_show_each_page_once_in_its_visitors_language(
    client, translated_event, translated_article, danish_path, english_path
):
    """The front page's next events and latest news, and a product page's events and news."""
    (event, english_event), (article, english_article) = translated_event, translated_article
    english = section_links(html_of(client, english_path))
    assert english[english_event.title] == english_event.url
    assert english[english_article.title] == english_article.url
    assert event.title not in english and article.title not in english
    danish_html = html_of(client, danish_path)
    danish = section_links(danish_html)
    assert danish[event.title] == event.url and danish[article.title] == article.url
    # The translations are not listed beside their Danish pages.
    page = text(parse(danish_html))
    assert english_event.title not in page and english_article.title not in page


def test_english_calendar_feed_gives_the_english_version(client, translated_event):
    event, english = translated_event

    def entry(path):
        calendar = icalendar.Calendar.from_ical(client.get(path).content)
        return {str(entry["uid"]): entry for entry in calendar.walk("VEVENT")}[event_uid(event)]

    entry_en = entry("/en/arrangementer/kalender/")
    assert str(entry_en["summary"]) == "IoT network meeting"
    assert str(entry_en["url"]) == absolute_url("/en/arrangementer/iot-network-meeting/")
    assert "We meet in Aarhus." in str(entry_en["description"])
    # The times are the event's own (compared as moments: in the hour that comes twice when summer time
    # ends, Python does not compare Danish and UTC times as equal).
    assert entry_en.decoded("dtstart").astimezone(datetime.UTC) == event.start
    entry_da = entry("/arrangementer/kalender/")
    assert str(entry_da["summary"]) == event.title and str(entry_da["url"]) == absolute_url(event.url)


def test_english_news_feed_gives_the_english_version(client, translated_article):
    article, english = translated_article
    feed = feedparser.parse(client.get("/en/nyheder/feed/rss/").content)
    [item] = [item for item in feed.entries if item.id == f"urn:uuid:{article.translation_key}"]
    assert item.title == english.title and item.link.endswith(english.url)
    assert item.summary == "Now with a sensor map."
    danish = feedparser.parse(client.get("/nyheder/feed/rss/").content)
    [item] = [item for item in danish.entries if item.id == f"urn:uuid:{article.translation_key}"]
    assert item.title == article.title and item.link.endswith(article.url)
