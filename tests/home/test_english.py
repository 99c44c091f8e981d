"""The site in English: the front page and the About pages as translations under /en/, the language
switcher, the English interface on every listing, and sensible fallbacks for untranslated pages."""

import pytest
from wagtail.models import Locale, Page

from community.events.demo import EVENTS_PAGE_EN
from community.joining.demo import JOIN_PAGE_EN
from community.models import EventIndexPage, NewsIndexPage
from community.news.demo import NEWS_PAGE_EN
from home import i18n
from home.demo import ensure_english_section
from home.locales import public_pages
from home.models import ContentPage, HomePage
from products.demo import CATALOGUE_EN
from products.models import ProductIndexPage
from tests.factories import (
    JoinPageFactory,
    NewsPageFactory,
    open_idea_by_member,
    page_cache_site,
    publish_english_translation,
)
from tests.markup import breadcrumbs, hrefs, language_switcher, parse, text

pytestmark = pytest.mark.factories


@pytest.fixture
def site(db):
    return page_cache_site()


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def switcher_link(html):
    """(href, lang) of the language switcher's link."""
    link = language_switcher(parse(html)).find("a", hreflang=True)
    return link["href"], link["lang"]


def test_english_home_is_the_translation_of_the_danish_home(site):
    danish = HomePage.objects.get(locale__language_code="da")
    english = HomePage.objects.get(locale__language_code="en")
    assert english.translation_key == danish.translation_key
    assert english.live and english.url == "/en/"


def test_danish_and_english_home_render_in_their_language(client, site):
    danish = html_of(client, "/")
    english = html_of(client, "/en/")
    assert '<html lang="da">' in danish and "Vi udvikler og deler open source-software" in danish
    assert '<html lang="en">' in english
    assert "We develop and share open-source software for the public sector" in english
    # The interface around the content is English too.
    assert "Skip to the page&#x27;s content" in english or "Skip to the page's content" in english
    assert "Gå til sidens indhold" not in english
    assert "Accessibility statement" in english


def test_switcher_links_to_the_translation_of_the_page(client, site):
    assert switcher_link(html_of(client, "/")) == ("/en/", "en")
    assert switcher_link(html_of(client, "/en/")) == ("/", "da")
    assert switcher_link(html_of(client, "/om-os2/")) == ("/en/about-os2/", "en")
    about = html_of(client, "/en/about-os2/")
    assert switcher_link(about) == ("/om-os2/", "da")
    assert '<html lang="en">' in about and "<h1" in about and "About OS2" in about
    assert "24 April 2012" in about
    assert switcher_link(html_of(client, "/om-os2/medlemskab/")) == ("/en/about-os2/membership/", "en")
    assert switcher_link(html_of(client, "/tilgaengelighed/")) == ("/en/accessibility/", "en")


def test_a_pages_language_is_its_locales_and_costs_no_query(site, django_assert_num_queries):
    # Every page served asks it before it is rendered (home.wagtail_hooks.to_the_translation).
    danish = Page.objects.live().get(slug="om-os2")
    english = Page.objects.live().get(slug="about-os2")
    list(public_pages(Page.objects.live()))  # the facts of this generation, read once
    with django_assert_num_queries(0):
        assert i18n.language_of(danish) == "da"
        assert i18n.language_of(english) == "en"
    # The published versions, each under its language, in one query.
    with django_assert_num_queries(1):
        assert i18n.page_versions(None, danish) == {"da": danish, "en": english}


def test_switcher_is_a_plain_accessible_link(client, site):
    for path, href, language, name in [("/", "/en/", "en", "English"), ("/en/", "/", "da", "Dansk")]:
        link = language_switcher(parse(html_of(client, path))).a
        # A link in its own language, named by the language (the icon beside it is hidden from readers).
        assert (link["href"], link["lang"], link["hreflang"]) == (href, language, language)
        assert link.get_text(strip=True) == name
        assert link.svg["aria-hidden"] == "true"


def test_translated_pages_announce_their_alternates(client, site):
    html = html_of(client, "/om-os2/")
    assert '<link rel="alternate" hreflang="da" href="http://testserver/om-os2/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about-os2/">' in html
    # A page without a translation has no alternates to announce.
    assert 'rel="alternate" hreflang' not in html_of(client, "/produkter/os2mo/")


def test_english_menu_shows_translations_and_marks_danish_only_pages(client, site):
    for index, spec in (
        (ProductIndexPage.in_default_language(), CATALOGUE_EN),
        (EventIndexPage.in_default_language(), EVENTS_PAGE_EN),
        (NewsIndexPage.in_default_language(), NEWS_PAGE_EN),
        (JoinPageFactory(show_in_menus=True), JOIN_PAGE_EN),
    ):
        ensure_english_section(index, spec)
    danish_home = HomePage.objects.get(locale__language_code="da")
    danish_only = ContentPage(title="Fællesskabet", slug="faellesskabet", show_in_menus=True)
    danish_home.add_child(instance=danish_only)
    danish_only.save_revision().publish()
    menu = parse(html_of(client, "/en/")).find("nav", attrs={"aria-label": "Main menu"})
    links = {link["href"]: link for link in menu.find_all("a")}
    for href, title in [
        ("/en/about-os2/", "About OS2"),
        ("/en/produkter/", "Products"),
        ("/en/arrangementer/", "Events"),
        ("/en/nyheder/", "News"),
        ("/en/join/", "Become a member"),
    ]:
        # In English, so neither the link nor its title says otherwise.
        assert (
            text(links[href]) == title and not links[href].get("hreflang") and not links[href].find(lang=True)
        )
    # A page without an English translation: its Danish page at its English address, marked Danish.
    danish_only = links["/en/faellesskabet/"]
    assert danish_only.get("hreflang") == "da" and danish_only.find(lang="da").get_text() == "Fællesskabet"
    assert not {"Om OS2", "Produkter", "Bliv medlem"} & {text(link) for link in links.values()}


def test_untranslated_page_is_served_under_en_with_the_english_interface(client, site):
    html = html_of(client, "/en/produkter/")
    assert '<html lang="en">' in html
    assert "Find products" in html
    # Its switcher leads back to the same page in Danish.
    assert switcher_link(html) == ("/produkter/", "da")
    assert switcher_link(html_of(client, "/produkter/")) == ("/en/produkter/", "en")


def test_a_page_only_in_english_falls_back_to_the_danish_home(client, site):
    english_home = HomePage.objects.get(locale__language_code="en")
    page = ContentPage(title="Only in English", slug="only-in-english", locale=english_home.locale)
    english_home.add_child(instance=page)
    page.save_revision().publish()
    assert switcher_link(html_of(client, "/en/only-in-english/")) == ("/", "da")
    assert client.get("/only-in-english/").status_code == 404


@pytest.mark.parametrize(
    ("path", "english_text"),
    [
        ("/en/produkter/", "Find products"),
        ("/en/medlemmer/", "Members and partners"),
        ("/en/ideer/", "Filter ideas"),
        ("/en/arrangementer/", "Filter events"),
        ("/en/nyheder/", "Filter news"),
        ("/en/soeg/?q=OS2", "Search words"),
        ("/en/konto/login/", "Log in"),
    ],
)
def test_listings_render_with_the_english_interface(client, site, path, english_text):
    html = html_of(client, path)
    assert '<html lang="en">' in html
    assert english_text in html
    assert "Gå til sidens indhold" not in html


@pytest.mark.parametrize(
    "path",
    ["/", "/om-os2/", "/medlemmer/", "/ideer/", "/soeg/", "/produkter/", "/arrangementer/", "/nyheder/"],
)
def test_danish_addresses_are_unchanged_and_danish(client, site, path):
    html = html_of(client, path)
    assert '<html lang="da">' in html and "Gå til sidens indhold" in html


def test_the_admin_stays_at_admin(client, site):
    assert client.get("/admin/login/").status_code in (301, 302)
    assert client.get("/en/admin/").status_code == 404


def test_english_home_links_keep_the_visitor_in_english(client, site):
    html = html_of(client, "/en/")
    assert 'href="/en/produkter/"' in html
    assert 'href="/produkter/"' not in html


def test_english_home_sections_link_to_english_addresses(client, site):
    NewsPageFactory(title="Nyt om OS2mo", slug="nyt-om-os2mo")
    open_idea_by_member("travl-medlem", "Fælles lokalebooking")
    links = [href for href in hrefs(parse(html_of(client, "/en/")).main) if href.startswith("/")]
    # Each section's cards (pages, ideas, members) and its "see all" link.
    for section in ("/en/produkter/", "/en/arrangementer/", "/en/nyheder/", "/en/ideer/", "/en/medlemmer/"):
        assert section in links, section
        assert any(link.startswith(section) and link != section for link in links), section
    assert [link for link in links if not link.startswith("/en/")] == []
    assert not any(link.startswith("/en/en/") for link in links)


def test_editors_can_translate_pages_into_english(site):
    assert Locale.objects.filter(language_code="en").exists()
    about = Page.objects.get(slug="om-os2")
    translation = about.get_translation(Locale.objects.get(language_code="en"))
    assert translation.title == "About OS2"


def test_no_address_gets_the_language_prefix_twice(client, site):
    for path in ("/en/", "/en/ideer/", "/en/about-os2/", "/en/soeg/?q=OS2"):
        assert "/en/en/" not in html_of(client, path), path


def test_search_finds_the_pages_of_the_visitors_language(client, site):
    danish = html_of(client, "/soeg/?q=OS2")
    assert 'href="/om-os2/"' in danish
    document = parse(danish)
    document.find("nav", attrs={"aria-label": "Sprog"}).decompose()  # the switcher links to English
    assert "/en/" not in str(document)
    links = hrefs(parse(html_of(client, "/en/soeg/?q=OS2")).main)
    assert "/en/about-os2/" in links and "/om-os2/" not in links
    # Danish pages without a translation are found too, at their English address.
    assert any(link.startswith("/en/produkter/") for link in links)


def test_english_footer_links_the_english_accessibility_statement(client, site):
    footer = parse(html_of(client, "/en/")).footer
    assert footer.find("a", href="/en/accessibility/", string="Accessibility statement")
    footer = parse(html_of(client, "/")).footer
    assert footer.find("a", href="/tilgaengelighed/", string="Tilgængelighedserklæring")


def breadcrumbs_of(html):
    return breadcrumbs(parse(html))


def link(trail, title):
    return trail.find("a", string=title)


def test_breadcrumbs_mark_only_titles_in_another_language(client, site):
    # Titles in the page's language: no lang attribute and no wrapper.
    danish = breadcrumbs_of(html_of(client, "/om-os2/medlemskab/"))
    assert link(danish, "Om OS2") and not danish.find(lang=True)
    english = breadcrumbs_of(html_of(client, "/en/about-os2/membership/"))
    assert link(english, "About OS2") and not english.find(lang=True)
    # A Danish page with the English interface: its Danish title is marked as Danish, its translated
    # ancestors are shown by their English titles.
    catalogue = Page.objects.get(slug="produkter", depth=3, locale__language_code="da").specific
    publish_english_translation(catalogue, "Products", "produkter")
    product = breadcrumbs_of(html_of(client, "/en/produkter/os2mo/"))
    assert link(product, "Products") and product.find(lang="da", string="OS2mo")
    assert link(product, "Home")
