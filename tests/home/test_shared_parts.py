"""The menu and the footer, shared by every page, and the parts of the front and product pages that
are the same for every visitor, are cached even when the page itself is rendered (the page cache is off
here, as for a logged-in member). They are kept under the page cache's
generation, so they are as fresh as a cached page. Runs on the configured cache: local memory, Redis in
the PostgreSQL + Redis run."""

import datetime

import pytest
from wagtail.models import Locale, Page

from community.models import EventPage
from home.models import HomePage, SiteSettings
from products.demo import ensure_criteria
from products.models import ContactPerson, ProductPage, ProductTabPage
from tests.factories import NewsPageFactory, assess, page_cache_site, publish_event_about
from tests.markup import current_link, hrefs, parse, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def site(db):
    return page_cache_site()


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def menu(client, path):
    """The main menu (the navigation landmark) of the page at `path`."""
    response = client.get(path)
    assert response.status_code == 200, path
    return parse(response).find("nav", id="site-navigation")


def titles(menu):
    return [text(link) for link in menu.find_all("a")]


def current_item(menu):
    return current_link(menu)


def active_items(menu):
    """The menu's pages that the shown page lies in: the current page, or the current section of the menu
    (aria-current "page" or "true")."""
    return [link["href"] for link in menu.find_all("a", attrs={"aria-current": ["page", "true"]})]


def test_the_menu_is_kept_until_something_changes(client, site):
    products = Page.objects.get(slug="produkter", depth=3, locale__language_code="da")
    assert "Produkter" in titles(menu(client, "/om-os2/"))
    # A change that sends no signal (made by hand in the database) does not reach the kept menu ...
    Page.objects.filter(pk=products.pk).update(title="Produktkatalog")
    assert "Produkter" in titles(menu(client, "/om-os2/"))
    # ... a change made through the site does, on the next page shown.
    products = products.specific
    products.title = "Vores produkter"
    products.save_revision().publish()
    assert "Vores produkter" in titles(menu(client, "/om-os2/"))


def test_each_section_marks_its_own_menu_page(client, site):
    # The front page, a menu page itself and a page inside it share nothing but the menu's pages.
    assert current_item(menu(client, "/")) is None and active_items(menu(client, "/")) == []
    assert current_item(menu(client, "/produkter/")) == "/produkter/"
    inside = menu(client, "/produkter/os2mo/")
    assert current_item(inside) is None and active_items(inside) == ["/produkter/"]
    assert current_item(menu(client, "/om-os2/")) == "/om-os2/"
    assert current_item(menu(client, "/produkter/")) == "/produkter/"


def test_each_language_has_its_own_menu(client, site):
    danish, english = menu(client, "/om-os2/"), menu(client, "/en/about-os2/")
    assert danish["aria-label"] == "Hovedmenu" and english["aria-label"] == "Main menu"
    assert any(href.startswith("/en/") for href in hrefs(english))
    assert not any(href.startswith("/en/") for href in hrefs(danish))


def test_a_new_menu_page_shows_at_once(client, site):
    menu(client, "/")
    home = HomePage.objects.get(locale__language_code="da")
    home.add_child(instance=Page(title="Presse", slug="presse", show_in_menus=True))
    assert "Presse" in titles(menu(client, "/"))


def test_the_footer_follows_the_site_settings(client, site):
    assert "Testvej 8" not in client.get("/om-os2/").content.decode()
    site_settings = SiteSettings.load()
    site_settings.address = "Testvej 8\n8000 Aarhus C"
    site_settings.save()
    assert "Testvej 8" in client.get("/om-os2/").content.decode()
    assert "Testvej 8" in client.get("/findes-ikke/").content.decode()


def test_a_products_parts_are_kept_until_something_changes(client, site):
    product = ProductPage.objects.get(slug="os2mo")
    person = product.contacts.select_related("person").first().person
    assert person.name in client.get(product.url).content.decode()
    ContactPerson.objects.filter(pk=person.pk).update(name="Uden signal")
    assert "Uden signal" not in client.get(product.url).content.decode()
    person.name = "Birthe Nyt-Navn"
    person.save()
    assert "Birthe Nyt-Navn" in client.get(product.url).content.decode()


def test_a_products_tabs_level_and_events_show_at_once(client, site):
    product = site
    ensure_criteria()
    assess(product, [0, 1, 2], date=datetime.date(2026, 1, 15))
    html = client.get(product.url).content.decode()
    assert "Ikke indplaceret" not in html and "Brugermøde om delte dele" not in html
    tab = ProductTabPage.objects.child_of(product).first()
    tab.title = "Grupper og udvalg"
    tab.save_revision().publish()
    product.assessments.all().delete()
    publish_event_about(product, "Brugermøde om delte dele")
    html = client.get(product.url).content.decode()
    assert "Grupper og udvalg" in html and "Ikke indplaceret" in html and "Brugermøde om delte dele" in html
    # The header and its tabs are shared by the product's other pages.
    assert "Grupper og udvalg" in client.get(product.url + "governance/").content.decode()


def test_a_preview_shows_the_drafts_own_parts(client, site):
    product = ProductPage.objects.get(slug="os2mo")
    draft = ProductPage.objects.get(pk=product.pk)
    draft.tags.add("kladdeemne")
    assert ">kladdeemne<" in draft.make_preview_request().content.decode()
    # Previews are made as requests to the site's own host: visitors there see none of the draft ...
    assert ">kladdeemne<" not in client.get(product.url, HTTP_HOST="localhost").content.decode()
    # ... and another draft's preview none of the first.
    other_draft = ProductPage.objects.get(pk=product.pk)
    other_draft.tags.add("andet-kladdeemne")
    preview = other_draft.make_preview_request().content.decode()
    assert ">andet-kladdeemne<" in preview and ">kladdeemne<" not in preview


def test_the_catalogues_cards_are_kept_until_something_changes(client, site):
    product = ProductPage.objects.get(slug="os2mo")
    assert product.tagline in client.get("/produkter/").content.decode()
    ProductPage.objects.filter(pk=product.pk).update(tagline="Uden signal")
    assert "Uden signal" not in client.get("/produkter/").content.decode()
    product.tagline = "Organisation og medarbejdere samlet ét sted"
    product.save_revision().publish()
    html = client.get("/produkter/").content.decode()
    assert "Organisation og medarbejdere samlet ét sted" in html
    # Filtering and words work on the kept products as on fresh ones.
    html = client.get("/produkter/", {"q": "samlet ét sted"}).content.decode()
    assert "1 produkt<" in html and ">OS2mo<" in html


def front_page_section(client, heading_id):
    document = parse(client.get("/").content.decode())
    return text(document.find("section", attrs={"aria-labelledby": heading_id}))


def test_the_front_pages_sections_follow_what_they_show(client, site):
    """Each section's HTML is kept across editorial changes while what it shows is the same; a
    section whose content changed shows the new content with the change that made it."""
    assert "Netværksmøde" in front_page_section(client, "section-kommende-arrangementer")
    # Changed without the signals of an edit: the kept front page shows the old title ...
    EventPage.objects.filter(slug="netvaerksmoede").update(title="Uden signal")
    assert "Uden signal" not in front_page_section(client, "section-kommende-arrangementer")
    # ... until an editorial change elsewhere (a news item), after which every section is read
    # again: the events' section shows the new title, not the HTML kept from before.
    NewsPageFactory(title="Nyt om fællesskabet")
    assert "Nyt om fællesskabet" in front_page_section(client, "section-nyheder")
    events = front_page_section(client, "section-kommende-arrangementer")
    assert "Uden signal" in events and "Netværksmøde" not in events
    # The title back as it was: the section as first shown.
    EventPage.objects.filter(slug="netvaerksmoede").update(title="Netværksmøde")
    NewsPageFactory(title="Mere nyt")
    assert "Netværksmøde" in front_page_section(client, "section-kommende-arrangementer")


def breadcrumb_titles(html):
    trail = parse(html).find("nav", attrs={"aria-label": "Brødkrumme"})
    return [text(item) for item in trail.find_all("li")][1:]  # after the front page


def test_breadcrumbs_follow_their_pages_titles(client, site):
    product = ProductPage.objects.get(slug="os2mo")
    assert breadcrumb_titles(client.get(product.url).content.decode()) == ["Produkter", "OS2mo"]
    catalogue = Page.objects.get(slug="produkter", depth=3, locale__language_code="da").specific
    catalogue.title = "Produktkatalog"
    catalogue.save_revision().publish()
    assert breadcrumb_titles(client.get(product.url).content.decode()) == ["Produktkatalog", "OS2mo"]
    # A preview shows the draft's own title.
    draft = ProductPage.objects.get(pk=product.pk)
    draft.title = "OS2mo (kladde)"
    preview = draft.make_preview_request().content.decode()
    assert breadcrumb_titles(preview) == ["Produktkatalog", "OS2mo (kladde)"]
    assert breadcrumb_titles(client.get(product.url, HTTP_HOST="localhost").content.decode())[-1] == "OS2mo"


def test_a_new_translation_shows_in_the_language_links_at_once(client, site):
    product = ProductPage.objects.get(slug="os2mo")
    html = client.get(product.url).content.decode()
    assert 'hreflang="en" href="http://testserver/en/produkter/os2mo/"' not in html
    translation = product.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    translation.title = "OS2mo in English"
    translation.save_revision().publish()
    html = client.get(product.url).content.decode()
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{translation.url}">' in html


def test_the_event_lists_product_filter_follows_the_events(client, site):
    """The products to filter events by are kept; an event about another product adds it at once."""
    product = ProductPage.objects.live().exclude(events__isnull=False).order_by("title").first()
    option = f'<option value="{product.slug}">{product.title}</option>'
    assert option not in client.get("/arrangementer/").content.decode()
    publish_event_about(product, "Første møde om produktet")
    assert option in client.get("/arrangementer/").content.decode()
    html = client.get("/arrangementer/", {"produkt": product.slug}).content.decode()
    assert f'<option value="{product.slug}" selected>' in html and "Første møde om produktet" in html
