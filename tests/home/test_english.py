"""The site in English: the front page and the About pages as translations under /en/, the language
switcher, the English interface on every listing, and sensible fallbacks for untranslated pages."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page

from home.models import ContentPage, HomePage


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def switcher_link(html):
    """(href, lang) of the language switcher's link."""
    link = BeautifulSoup(html, "html.parser").select_one("nav.site-language a[hreflang]")
    return link["href"], link["lang"]


def test_english_home_is_the_translation_of_the_danish_home(demo):
    danish = HomePage.objects.get(locale__language_code="da")
    english = HomePage.objects.get(locale__language_code="en")
    assert english.translation_key == danish.translation_key
    assert english.live and english.url == "/en/"


def test_danish_and_english_home_render_in_their_language(client, demo):
    danish = html_of(client, "/")
    english = html_of(client, "/en/")
    assert '<html lang="da">' in danish and "Vi udvikler og deler open source-software" in danish
    assert '<html lang="en">' in english
    assert "We develop and share open-source software for the public sector" in english
    # The interface around the content is English too.
    assert "Skip to the page&#x27;s content" in english or "Skip to the page's content" in english
    assert "Gå til sidens indhold" not in english
    assert "Accessibility statement" in english


def test_switcher_links_to_the_translation_of_the_page(client, demo):
    assert switcher_link(html_of(client, "/")) == ("/en/", "en")
    assert switcher_link(html_of(client, "/en/")) == ("/", "da")
    assert switcher_link(html_of(client, "/om-os2/")) == ("/en/about-os2/", "en")
    about = html_of(client, "/en/about-os2/")
    assert switcher_link(about) == ("/om-os2/", "da")
    assert '<html lang="en">' in about and "<h1" in about and "About OS2" in about
    assert "24 April 2012" in about
    assert switcher_link(html_of(client, "/om-os2/medlemskab/")) == ("/en/about-os2/membership/", "en")
    assert switcher_link(html_of(client, "/tilgaengelighed/")) == ("/en/accessibility/", "en")


def test_switcher_is_a_plain_accessible_link(client, demo):
    for path, href, language, name in [("/", "/en/", "en", "English"), ("/en/", "/", "da", "Dansk")]:
        link = BeautifulSoup(html_of(client, path), "html.parser").select_one("nav.site-language a")
        # A link in its own language, named by the language (the icon beside it is hidden from readers).
        assert (link["href"], link["lang"], link["hreflang"]) == (href, language, language)
        assert link.get_text(strip=True) == name
        assert link.svg["aria-hidden"] == "true"


def test_translated_pages_announce_their_alternates(client, demo):
    html = html_of(client, "/om-os2/")
    assert '<link rel="alternate" hreflang="da" href="http://testserver/om-os2/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about-os2/">' in html
    # A page without a translation has no alternates to announce.
    assert 'rel="alternate" hreflang' not in html_of(client, "/produkter/os2mo/")


def test_english_menu_shows_translations_and_marks_danish_only_pages(client, demo):
    danish_home = HomePage.objects.get(locale__language_code="da")
    danish_only = ContentPage(title="Fællesskabet", slug="faellesskabet", show_in_menus=True)
    danish_home.add_child(instance=danish_only)
    danish_only.save_revision().publish()
    html = html_of(client, "/en/")
    menu = re.search(r'<nav class="site-navigation.*?</nav>', html, re.S).group(0)
    assert 'href="/en/about-os2/"' in menu and "About OS2" in menu
    assert '<a href="/en/produkter/" class="nav-link"><span>Products</span></a>' in menu
    assert '<a href="/en/arrangementer/" class="nav-link"><span>Events</span></a>' in menu
    assert '<a href="/en/nyheder/" class="nav-link"><span>News</span></a>' in menu
    assert '<a href="/en/join/" class="nav-link"><span>Become a member</span></a>' in menu
    # A page without an English translation: its Danish page at its English address, marked Danish.
    assert (
        '<a href="/en/faellesskabet/" class="nav-link" hreflang="da"><span lang="da">Fællesskabet</span></a>'
        in menu
    )
    assert "Om OS2" not in menu and "Produkter" not in menu and "Bliv medlem" not in menu


def test_untranslated_page_is_served_under_en_with_the_english_interface(client, demo):
    html = html_of(client, "/en/produkter/")
    assert '<html lang="en">' in html
    assert "Find products" in html
    # Its switcher leads back to the same page in Danish.
    assert switcher_link(html) == ("/produkter/", "da")
    assert switcher_link(html_of(client, "/produkter/")) == ("/en/produkter/", "en")


def test_a_page_only_in_english_falls_back_to_the_danish_home(client, demo):
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
def test_listings_render_with_the_english_interface(client, demo, path, english_text):
    html = html_of(client, path)
    assert '<html lang="en">' in html
    assert english_text in html
    assert "Gå til sidens indhold" not in html


@pytest.mark.parametrize(
    "path",
    ["/", "/om-os2/", "/medlemmer/", "/ideer/", "/soeg/", "/produkter/", "/arrangementer/", "/nyheder/"],
)
def test_danish_addresses_are_unchanged_and_danish(client, demo, path):
    html = html_of(client, path)
    assert '<html lang="da">' in html and "Gå til sidens indhold" in html


def test_the_admin_stays_at_admin(client, demo):
    assert client.get("/admin/login/").status_code in (301, 302)
    assert client.get("/en/admin/").status_code == 404


def test_english_home_links_keep_the_visitor_in_english(client, demo):
    html = html_of(client, "/en/")
    assert 'href="/en/produkter/"' in html
    assert 'href="/produkter/"' not in html


def test_english_home_sections_link_to_english_addresses(client, demo):
    main = re.search(r"<main.*</main>", html_of(client, "/en/"), re.S).group(0)
    links = re.findall(r'href="(/[^"]*)"', main)
    # Each section's cards (pages, ideas, members) and its "see all" link.
    for section in ("/en/produkter/", "/en/arrangementer/", "/en/nyheder/", "/en/ideer/", "/en/medlemmer/"):
        assert section in links, section
        assert any(link.startswith(section) and link != section for link in links), section
    assert [link for link in links if not link.startswith("/en/")] == []
    assert not any(link.startswith("/en/en/") for link in links)


def test_editors_can_translate_pages_into_english(demo):
    assert Locale.objects.filter(language_code="en").exists()
    about = Page.objects.get(slug="om-os2")
    translation = about.get_translation(Locale.objects.get(language_code="en"))
    assert translation.title == "About OS2"


def test_no_address_gets_the_language_prefix_twice(client, demo):
    for path in ("/en/", "/en/ideer/", "/en/about-os2/", "/en/soeg/?q=OS2"):
        assert "/en/en/" not in html_of(client, path), path


def test_search_finds_the_pages_of_the_visitors_language(client, demo):
    danish = html_of(client, "/soeg/?q=OS2")
    assert 'href="/om-os2/"' in danish
    assert "/en/" not in re.sub(r'<nav class="site-language".*?</nav>', "", danish, flags=re.S)
    english = html_of(client, "/en/soeg/?q=OS2")
    main = re.search(r"<main.*</main>", english, re.S).group(0)
    assert 'href="/en/about-os2/"' in main and 'href="/om-os2/"' not in main
    # Danish pages without a translation are found too, at their English address.
    assert 'href="/en/produkter/' in main


def test_english_footer_links_the_english_accessibility_statement(client, demo):
    footer = re.search(r"<footer.*</footer>", html_of(client, "/en/"), re.S).group(0)
    assert '<a class="function-link" href="/en/accessibility/">Accessibility statement</a>' in footer
    footer = re.search(r"<footer.*</footer>", html_of(client, "/"), re.S).group(0)
    assert 'href="/tilgaengelighed/">Tilgængelighedserklæring</a>' in footer


def breadcrumbs_of(html):
    return re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)


def test_breadcrumbs_mark_only_titles_in_another_language(client, demo):
    # Titles in the page's language: no lang attribute and no wrapper.
    danish = breadcrumbs_of(html_of(client, "/om-os2/medlemskab/"))
    assert ">Om OS2</a>" in danish and "<span" not in danish
    english = breadcrumbs_of(html_of(client, "/en/about-os2/membership/"))
    assert ">About OS2</a>" in english and "<span" not in english
    # A Danish page with the English interface: its Danish title is marked as Danish, its translated
    # ancestors are shown by their English titles.
    product = breadcrumbs_of(html_of(client, "/en/produkter/os2mo/"))
    assert ">Products</a>" in product and '<span lang="da">OS2mo</span>' in product
    assert ">Home</a>" in product
