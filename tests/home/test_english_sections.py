"""The catalogue, events and news index pages in English: each is one page per language (the Danish
one and its English translation), the English one lists the section's Danish pages with the English
interface, and links built for a section lead each language's visitors to their own version."""

import re

import pytest
from django.utils import translation
from wagtail.models import Locale

from community.events.demo import EVENTS_PAGE_EN
from community.models import EventIndexPage, NewsIndexPage
from community.news.demo import NEWS_PAGE_EN
from home.demo import ensure_english_section
from home.models import HomePage
from home.navigation import section_url
from products.demo import CATALOGUE_EN
from products.models import ProductIndexPage
from tests.factories import NewsPageFactory, log_in, page_cache_site, secretary
from tests.markup import card_titles as titles_of_cards
from tests.markup import hrefs, parse, text

pytestmark = pytest.mark.factories


@pytest.fixture
def site(db):
    """The small site of the page cache tests (the front page and About pages in both languages, the
    catalogue with OS2mo, the events page with an event, the news page) with a news article about OS2mo, and the
    three index pages' English translations, as the demo words them."""
    product = page_cache_site()
    NewsPageFactory(title="Nyt om OS2mo", slug="nyt-om-os2mo", related_products=[product])
    for model, spec in (
        (ProductIndexPage, CATALOGUE_EN),
        (EventIndexPage, EVENTS_PAGE_EN),
        (NewsIndexPage, NEWS_PAGE_EN),
    ):
        ensure_english_section(model.in_default_language(), spec)


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def card_titles(html):
    return titles_of_cards(parse(html))


def main_links(html):
    return [href for href in hrefs(parse(html).main) if href.startswith("/")]


@pytest.mark.parametrize(
    ("danish_path", "english_path", "title", "introduction", "english_text"),
    [
        ("/produkter/", "/en/produkter/", "Products", "Solutions that public authorities", "Find products"),
        ("/arrangementer/", "/en/arrangementer/", "Events", "Meet other municipalities", "Filter events"),
        ("/nyheder/", "/en/nyheder/", "News", "News from the OS2 community", "Filter news"),
    ],
)
def test_english_index_page_lists_the_section_with_the_english_interface(
    client, site, danish_path, english_path, title, introduction, english_text
):
    english = html_of(client, english_path)
    assert '<html lang="en">' in english and english_text in english
    assert text(parse(english).h1) == title and introduction in english
    # The English page, announced as the translation of the Danish one.
    assert f'<link rel="alternate" hreflang="da" href="http://testserver{danish_path}">' in english
    danish = html_of(client, danish_path)
    assert '<html lang="da">' in danish and "Gå til sidens indhold" in danish
    # The same (untranslated) pages are listed in both languages.
    assert card_titles(english) and card_titles(english) == card_titles(danish)


def test_english_home_and_menu_lead_to_the_english_index_pages(client, site):
    html = html_of(client, "/en/")
    for path in ("/en/produkter/", "/en/arrangementer/", "/en/nyheder/"):
        assert f'href="{path}"' in html
        assert '<html lang="en">' in html_of(client, path)
    assert 'href="/produkter/"' not in html


def test_section_links_follow_the_english_page_wherever_it_is(client, site):
    """Renamed by an editor, the English catalogue is still where English visitors are sent, from the
    cached part and from the database alike; Danish visitors still get the Danish one."""
    english = ProductIndexPage.objects.get(locale__language_code="en")
    english.slug = "products"
    english.save_revision().publish()
    assert 'href="/en/products/"' in html_of(client, "/en/")
    assert 'href="/produkter/"' in html_of(client, "/")
    with translation.override("en"):
        assert section_url(None, ProductIndexPage) == "/en/products/"
        assert ProductIndexPage.in_active_language() == english
    with translation.override("da"):
        assert section_url(None, ProductIndexPage) == "/produkter/"
        assert ProductIndexPage.in_active_language() == ProductIndexPage.in_default_language()


def test_without_an_english_page_section_links_fall_back_to_the_danish_one(client, site):
    NewsIndexPage.objects.get(locale__language_code="en").unpublish()
    assert 'href="/en/nyheder/"' in html_of(client, "/en/")
    with translation.override("en"):
        assert NewsIndexPage.in_active_language() == NewsIndexPage.in_default_language()
        assert section_url(None, NewsIndexPage) == "/en/nyheder/"
    assert '<html lang="en">' in html_of(client, "/en/nyheder/")


@pytest.mark.parametrize("model", [ProductIndexPage, EventIndexPage, NewsIndexPage])
def test_one_index_page_per_language(client, site, model):
    admin_client = log_in(client, secretary().email)  # the secretariat, who keeps the site's pages
    danish_home = HomePage.objects.get(locale__language_code="da")
    english_home = HomePage.objects.get(locale__language_code="en")
    add_url = f"/admin/pages/add/{{}}/{danish_home.pk}/"
    # A second Danish one is refused, in the admin too (where another page type may be added).
    assert not model.can_create_at(danish_home)
    assert admin_client.get(add_url.format("home/contentpage")).status_code == 200
    refused = admin_client.get(add_url.format(f"{model._meta.app_label}/{model._meta.model_name}"))
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert not model.can_create_at(english_home)
    # Without its English translation, translating the Danish page is what creates it.
    english = model.objects.get(locale=english_home.locale)
    english.delete()
    assert model.can_create_at(english_home)
    danish = model.in_default_language()
    translation_ = danish.copy_for_translation(Locale.objects.get(language_code="en"))
    assert translation_.get_parent().specific == english_home
    assert model.objects.count() == 2 and not model.can_create_at(english_home)


@pytest.mark.parametrize("section", ["produkter", "arrangementer", "nyheder"])
def test_english_listings_link_to_english_addresses(client, site, section):
    links = main_links(html_of(client, f"/en/{section}/"))
    pages = [link for link in links if re.match(rf"/(en/)?{section}/[\w-]+/", link)]
    assert pages and all(link.startswith("/en/") for link in pages)
    danish = [link for link in main_links(html_of(client, f"/{section}/")) if f"/{section}/" in link]
    assert danish and not any(link.startswith("/en/") for link in danish)


def test_an_english_product_pages_sections_link_to_english_addresses(client, site):
    main = parse(html_of(client, "/en/produkter/os2mo/")).main
    # The sections other modules add, each named by its heading.
    sections = main.find_all(
        "section", attrs={"aria-labelledby": lambda value: value and value.startswith("section-")}
    )
    links = [link for section in sections for link in hrefs(section) if link.startswith("/")]
    assert links and all(link.startswith("/en/") for link in links)
