"""Visitors get a Danish site: the home page, the About pages, navigation, breadcrumbs and footer."""

import pytest
from wagtail import hooks
from wagtail.models import Page

from home import demo
from home.models import ContentPage, HomePage

pytestmark = pytest.mark.factories


@pytest.fixture
def site(db):
    """The front page, the About pages, the accessibility statement, their English translations and the
    site's settings, as the home module's part of the demo builds them, and none of the other sections."""
    demo.load()


def test_home_page_is_danish_with_skip_link_and_landmarks(client, site):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="da">' in html
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert "<header" in html and "<footer" in html and 'role="search"' in html
    assert "Vi udvikler og deler open source-software" in html


def test_footer_shows_address_and_contact_from_site_settings(client, site):
    html = client.get("/").content.decode()
    assert "Hack Kampmanns Plads 2" in html
    assert 'href="mailto:os2@os2.eu"' in html
    assert "55133018" in html
    assert "Tilgængelighedserklæring" in html


def test_main_menu_links_to_about_and_about_links_its_subpages(client, site):
    home_html = client.get("/").content.decode()
    assert 'href="/om-os2/"' in home_html
    about = client.get("/om-os2/")
    assert about.status_code == 200
    html = about.content.decode()
    for slug in ("medlemskab", "governance", "aftaler"):
        assert f'href="/om-os2/{slug}/"' in html
        assert client.get(f"/om-os2/{slug}/").status_code == 200
    assert 'aria-current="page"' in html


def test_about_subpage_has_breadcrumbs_and_table_of_contents(client, site):
    html = client.get("/om-os2/medlemskab/").content.decode()
    assert 'class="breadcrumbs"' in html
    assert 'href="/om-os2/"' in html
    assert "På denne side" in html
    assert 'href="#offentlige-medlemmer"' in html and 'id="offentlige-medlemmer"' in html


def test_membership_page_states_the_fee(client, site):
    assert "25.000 kr. ekskl. moms" in client.get("/om-os2/medlemskab/").content.decode()


def test_unpublished_page_is_not_served_or_listed(client, site):
    about = Page.objects.get(slug="om-os2")
    draft = ContentPage(title="Hemmelig kladde", slug="kladde", live=False)
    about.add_child(instance=draft)
    assert client.get("/om-os2/kladde/").status_code == 404
    assert "Hemmelig kladde" not in client.get("/om-os2/").content.decode()


def test_home_counts_and_sections_come_from_the_modules(client, site):
    def counts(request):
        return [{"number": 7, "label": "testprodukter", "order": 1}]

    def sections(request):
        return [
            {"heading": "Testsektion", "items": [{"heading": "Kort", "url": "/kort/"}], "more_url": "/x/"}
        ]

    def empty_sections(request):
        return [{"heading": "Tom sektion", "items": []}]

    with (
        hooks.register_temporarily("home_page_counts", counts),
        hooks.register_temporarily("home_page_sections", sections),
        hooks.register_temporarily("home_page_sections", empty_sections),
    ):
        html = client.get("/").content.decode()
    assert '<span class="count-number">7</span>' in html
    assert "Testsektion" in html and 'href="/kort/"' in html and 'href="/x/"' in html
    assert "Tom sektion" not in html


def test_page_tree_rules(site):
    # One front page per content language: the Danish one and its English translation.
    assert sorted(HomePage.objects.values_list("locale__language_code", flat=True)) == ["da", "en"]
    assert HomePage.max_count == 2
    assert not HomePage.can_create_at(Page.get_first_root_node())
    assert "home.ContentPage" in ContentPage.parent_page_types


@pytest.mark.parametrize("path", ["/findes-ikke/", "/om-os2/findes-ikke/"])
def test_unknown_page_gets_a_friendly_danish_404(client, site, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.content.decode()
