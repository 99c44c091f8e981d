"""The home page shows the next events and the latest news; product pages get the product's
upcoming events and latest news through the `product_page_sections` hook."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone
from wagtail import hooks

from community.models import EventPage, NewsPage
from products.models import ProductPage

# Depends on the day it runs: .ci/run runs it on the calendar's edge days too.
pytestmark = pytest.mark.calendar


def test_home_page_shows_next_events_and_latest_news(client, demo):
    html = client.get("/").content.decode()
    upcoming = EventPage.objects.live().filter(cancelled=False).without_group_meetings().soonest_first()[:3]
    assert "Kommende arrangementer" in html and 'href="/arrangementer/"' in html
    for event in upcoming:
        assert f'href="{event.url}"' in html
    past = EventPage.objects.past().order_by("-start").first()
    assert f'href="{past.url}"' not in html
    latest = NewsPage.objects.live().order_by("-date", "-pk")[:3]
    assert "Nyheder" in html and 'href="/nyheder/"' in html
    for article in latest:
        assert f'href="{article.url}"' in html


def test_product_page_sections_list_the_products_events_and_news(make_event, make_article):
    os2iot = ProductPage.objects.get(slug="os2iot")
    event = make_event("OS2iot-dag", products=[os2iot], start=timezone.now() + datetime.timedelta(days=1))
    make_event("Andet", start=timezone.now() + datetime.timedelta(days=1))
    make_event("Gammelt OS2iot-møde", products=[os2iot], start=timezone.now() - datetime.timedelta(days=3))
    article = make_article("Nyt om OS2iot", products=[os2iot])
    request = RequestFactory().get("/produkter/os2iot/")
    sections = [
        section for hook in hooks.get_hooks("product_page_sections") for section in hook(request, os2iot)
    ]
    events_section = next(s for s in sections if s["heading"].startswith("Kommende arrangementer"))
    news_section = next(s for s in sections if s["heading"].startswith("Nyheder"))
    event_urls = {item["heading"]: item["url"] for item in events_section["items"]}
    # (Not necessarily first: the demo's monthly OS2iot meeting may be on today.)
    assert event_urls["OS2iot-dag"] == event.url and "Andet" not in event_urls
    assert "Gammelt OS2iot-møde" not in event_urls
    assert events_section["more_url"] == "/arrangementer/?produkt=os2iot"
    assert news_section["items"][0]["heading"] == article.title
    assert news_section["more_url"] == "/nyheder/?produkt=os2iot"
    for item in events_section["items"] + news_section["items"]:
        # (Beside the language marks of text not in the page's language.)
        assert {"heading", "url", "text", "meta"} <= set(item)
