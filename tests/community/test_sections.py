"""The home page shows the next events and the latest news; product pages get the product's
upcoming events and latest news through the `product_page_sections` hook. On a small site built for the
test: two products, the events and news pages, on a fixed day."""

import datetime

import pytest
from django.test import RequestFactory
from wagtail import hooks

from tests.factories import (
    NewsPageFactory,
    ProductPageFactory,
    catalogue,
    events_page,
    news_section,
    publish_event_about,
)
from tests.markup import hrefs, parse, region

NOW = datetime.datetime(2026, 12, 4, 10, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 12, 4)
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.time_machine(NOW, tick=False)]


@pytest.fixture
def site(db):
    index = catalogue()
    events_page()
    news_section()
    return {
        "os2iot": ProductPageFactory(parent=index, title="OS2iot", slug="os2iot"),
        "os2mo": ProductPageFactory(parent=index, title="OS2mo", slug="os2mo"),
    }


def test_home_page_shows_next_events_and_latest_news(client, site):
    # Four to come (the fourth is one too many) and one that has been.
    coming = [publish_event_about(site["os2mo"], f"Møde {days}", days_ahead=days) for days in (9, 2, 5, 14)]
    past = publish_event_about(site["os2mo"], "Overstået møde", days_ahead=-3)
    articles = [
        NewsPageFactory(title=f"Nyhed {age}", date=TODAY - datetime.timedelta(age)) for age in (7, 1, 30, 3)
    ]
    document = parse(client.get("/"))

    events = region(document, "Kommende arrangementer")
    next_three = [event.url for event in sorted(coming, key=lambda event: event.start)[:3]]
    assert [link for link in hrefs(events) if link != "/arrangementer/"] == next_three
    assert past.url not in hrefs(document) and coming[3].url not in hrefs(events)
    assert "/arrangementer/" in hrefs(events)

    news = region(document, "Nyheder")
    latest_three = [
        article.url for article in sorted(articles, key=lambda article: article.date, reverse=True)[:3]
    ]
    assert [link for link in hrefs(news) if link != "/nyheder/"] == latest_three
    assert "/nyheder/" in hrefs(news)


def test_product_page_sections_list_the_products_events_and_news(site):
    os2iot = site["os2iot"]
    event = publish_event_about(os2iot, "OS2iot-dag", days_ahead=1)
    publish_event_about(site["os2mo"], "Andet", days_ahead=1)
    publish_event_about(os2iot, "Gammelt OS2iot-møde", days_ahead=-3)
    article = NewsPageFactory(title="Nyt om OS2iot", related_products=[os2iot])
    NewsPageFactory(title="Ældre om OS2iot", related_products=[os2iot], date=TODAY - datetime.timedelta(5))
    NewsPageFactory(title="Om OS2mo", related_products=[site["os2mo"]])
    request = RequestFactory().get("/produkter/os2iot/")
    sections = [
        section for hook in hooks.get_hooks("product_page_sections") for section in hook(request, os2iot)
    ]
    events_section = next(s for s in sections if s["heading"].startswith("Kommende arrangementer"))
    news_section_ = next(s for s in sections if s["heading"].startswith("Nyheder"))
    assert [(item["heading"], item["url"]) for item in events_section["items"]] == [("OS2iot-dag", event.url)]
    assert events_section["more_url"] == "/arrangementer/?produkt=os2iot"
    assert [item["heading"] for item in news_section_["items"]] == [article.title, "Ældre om OS2iot"]
    assert news_section_["more_url"] == "/nyheder/?produkt=os2iot"
    for item in events_section["items"] + news_section_["items"]:
        # (Beside the language marks of text not in the page's language.)
        assert {"heading", "url", "text", "meta"} <= set(item)
