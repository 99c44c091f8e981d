"""What a visitor reads in site search: each type named by its proper plural in Danish and English,
the type links marking the chosen one, a product's tab titled with its product, and events and news
with their date (and an event's place), so hits of the same title are told apart."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail import hooks
from wagtail.models import get_page_models

from community.models import EventPage, NewsPage
from tests.factories import EventPageFactory, events_page

pytestmark = pytest.mark.factories

# Page types a visitor meets in search, with their plural as a visitor reads it in each language.
PLURALS = {
    "Forsider": "Home pages",
    "Bliv medlem-sider": "Become-a-member pages",
    "Nyhedsoversigter": "News overviews",
    "Produkter": "Products",
    "Produktfaner": "Product tabs",
    "Indholdssider": "Content pages",
    "Organisationer": "Organisations",
}


def search_page(client, query, path="/soeg/", **params):
    response = client.get(path, {"q": query, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def type_links(document):
    return {
        link.get_text(" ", strip=True).rsplit(" (", 1)[0]: link
        for link in document.select("main .search-types a")
    }


def hits(document):
    """{title: [details]} of every hit on the page."""
    return {
        hit.h4.get_text(strip=True): [
            detail.get_text(strip=True) for detail in hit.select(".search-hit-details span")
        ]
        for hit in document.select("main .search-hit")
    }


def test_every_type_visitors_find_has_its_own_plural():
    """Django's default plural adds an "s" ("Forsides"); every page type and every model registered
    for site search names its own, translated."""
    models = [*get_page_models()[1:], *(fn().model for fn in hooks.get_hooks("site_search_querysets"))]
    for model in models:
        assert "verbose_name_plural" in model._meta.original_attrs, model
        with translation.override("en"):
            english = str(model._meta.verbose_name_plural)
        with translation.override("da"):
            assert english != str(model._meta.verbose_name_plural), model


def test_type_names_in_danish_and_english(client, every_type):
    """Where a page of every type holds "os2", in both languages."""
    danish = type_links(search_page(client, "os2"))
    english = type_links(search_page(client, "os2", path="/en/soeg/"))

    assert set(PLURALS) <= set(danish)
    assert set(PLURALS.values()) <= set(english)
    assert not {"Forsides", "Bliv medlem-sides", "Nyhedsoversigts"} & set(danish)


def test_the_chosen_type_is_marked(client, site_pages):
    everything = type_links(search_page(client, "os2"))
    assert everything["Alle"].get("aria-current") == "page"
    assert [name for name, link in everything.items() if link.get("aria-current")] == ["Alle"]

    products = type_links(search_page(client, "os2", type="products.productpage"))
    assert [name for name, link in products.items() if link.get("aria-current")] == ["Produkter"]


def test_a_product_tab_is_titled_with_its_product(client, site_pages):
    found = hits(search_page(client, "os2mo"))

    assert "OS2mo › Om" in found
    assert "Om" not in found


def test_events_show_their_date_and_place(client, site_pages):
    for days, place in [(30, "Dokk1, Aarhus"), (395, "Odense Rådhus")]:
        EventPageFactory(
            parent=events_page(),
            title="Generalforsamling i OS2",
            slug=f"generalforsamling-{days}",
            start=timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=days),
            place_name=place,
        )
    assemblies = EventPage.objects.live().filter(title="Generalforsamling i OS2").order_by("start")
    assert assemblies.count() == 2

    document = search_page(client, "generalforsamling", type="community.eventpage")
    shown = [
        [detail.get_text(strip=True) for detail in hit.select(".search-hit-details span")]
        for hit in document.select("main .search-hit")
        if hit.h4.get_text(strip=True) == "Generalforsamling i OS2"
    ]

    expected = [[date_format(event.local_start, "j. F Y"), event.place_name] for event in assemblies]
    assert sorted(shown) == sorted(expected)
    assert shown[0] != shown[1]


def test_news_show_their_date(client, site_pages):
    article = NewsPage.objects.live().get(title="OS2mo er nu på niveau N2")

    assert hits(search_page(client, "os2mo"))[article.title] == [date_format(article.date, "j. F Y")]


@pytest.mark.parametrize("path", ["/soeg/", "/en/soeg/"])
def test_the_search_forms_are_told_apart(client, site_pages, path):
    """The header's search and the search page's own form are both search landmarks: each has a name
    of its own (axe's landmark-unique)."""
    document = search_page(client, "os2mo", path=path)
    names = []
    for form in document.select('[role="search"]'):
        if form.get("aria-labelledby"):
            names.append(document.find(id=form["aria-labelledby"]).get_text(strip=True))
        else:
            names.append(form.get("aria-label"))
    assert len(names) == 2
    assert all(names) and len(set(names)) == 2
