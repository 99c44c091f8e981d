"""English pages in English: under /en/ dates and amounts are written the English way, the join page
and its menu item are English, products show their English fields, the Danish text of pages not yet
translated is marked `lang="da"` (WCAG 3.1.2) on every page type and card, a translated page has one
address in each language, and the sitemap, the feeds and the language switcher know both languages.
On a small site built for the test (the front page, About pages, catalogue, events, news and join page
in both languages, OS2mo with its prices, tab and supplier, an idea open for support), on a fixed day."""

import datetime
from decimal import Decimal

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from django.utils import timezone, translation

from community.events.demo import EVENTS_PAGE_EN
from community.joining.demo import JOIN_PAGE_EN
from community.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage, Organisation, Pledge
from community.news.demo import NEWS_PAGE_EN
from home.demo import ensure_english_section
from home.models import ContentPage, HomePage
from products.demo import CATALOGUE_EN, ensure_criteria
from products.models import (
    JoiningPrice,
    MunicipalitySize,
    ProductIndexPage,
    ProductPage,
    ProductSupplier,
    ProductTabPage,
)
from tests.factories import (
    AgreementTemplateFactory,
    JoinPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    open_idea_by_member,
    page_cache_site,
)
from tests.markup import (
    breadcrumbs,
    card_links,
    card_texts,
    landmark,
    language_switcher,
    page_header,
    region,
    result_links,
    tagline,
)

# A fixed day (the clock runs on from it), some weeks before the event in February 2027.
NOW = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)

# Sitemaps and feeds are read with the same parser as the pages (no XML parser is installed).
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.factories,
    pytest.mark.filterwarnings("ignore", category=XMLParsedAsHTMLWarning),
    pytest.mark.time_machine(NOW, tick=True),
]


@pytest.fixture
def site(db):
    """The page cache tests' small site (the front page and About pages in both languages, the catalogue
    with OS2mo and its tab, the events page with an event, the news page, Magenta ApS and the idea
    states), with the three sections and the join page (with an agreement template) translated as the
    demo words them, the association's governance criteria, OS2mo in both languages with a price and
    Magenta as its supplier, an article, and a member organisation that describes itself in Danish."""
    ensure_criteria()
    os2mo = page_cache_site()
    for model, spec in (
        (ProductIndexPage, CATALOGUE_EN),
        (EventIndexPage, EVENTS_PAGE_EN),
        (NewsIndexPage, NEWS_PAGE_EN),
    ):
        ensure_english_section(model.in_default_language(), spec)
    ensure_english_section(JoinPageFactory(show_in_menus=True), JOIN_PAGE_EN)
    AgreementTemplateFactory(explanation="Aftalen, en offentlig myndighed indgår ved sit medlemskab.")
    os2mo.tagline = "Organisationsdata samlet ét sted."
    os2mo.introduction = "OS2mo samler kommunens organisation.\nAlle systemer får data derfra."
    os2mo.tagline_en = "The organisation's data in one place."
    os2mo.introduction_en = "OS2mo brings the municipality's organisation together in one place."
    os2mo.save_revision().publish()
    JoiningPrice.objects.create(
        product=os2mo, size=MunicipalitySize.FROM_25K, joining_fee=0, yearly_fee=48000
    )
    magenta = Organisation.objects.get(slug="magenta-aps")
    ProductSupplier.objects.create(
        product=os2mo, organisation=magenta, role="Udvikling og drift af løsningen"
    )
    NewsPageFactory(title="OS2mo får ny organisationsvisning")
    OrganisationFactory(
        name="Ballerup Kommune",
        description="Ballerup Kommune udvikler og bruger OS2's løsninger sammen med andre.",
    )


def soup_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ").split())


def marked_danish(soup, text):
    """Whether `text` sits inside an element marked lang="da" (below <html>)."""
    for string in soup.find_all(string=lambda s: s and text in " ".join(s.split())):
        for parent in string.parents:
            if parent.name == "html":
                break
            if parent.get("lang"):
                return parent["lang"] == "da"
    return False


def danish_url(obj):
    """A model's Danish address (a request under /en/ leaves English active in the test)."""
    with translation.override("da"):
        return obj.get_absolute_url()


def first_line(text):
    return " ".join(text.split())[:40]


@pytest.fixture
def event(site):
    """An upcoming one-off event on a Tuesday morning: 9 February 2027, 10:00–12:00 Danish time."""
    index = EventIndexPage.in_default_language()
    start = datetime.datetime(2027, 2, 9, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    page = EventPage(
        title="Temadag om åbne data",
        slug="temadag-om-aabne-data",
        introduction="Vi mødes og taler om åbne data.",
        start=start,
        end=start + datetime.timedelta(hours=2),
        place_name="Dokk1, Aarhus",
        kind="seminar",
        registration_deadline=start - datetime.timedelta(days=1),
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def cofunded_idea(site):
    """An idea open for support, which Ballerup Kommune will fund with 75.000 kr."""
    _user, _submitters, idea = open_idea_by_member("idestifter", "Fælles booking af mødelokaler")
    organisation = Organisation.objects.get(slug="ballerup-kommune")
    Pledge.objects.filter(idea=idea).delete()
    Pledge.objects.create(idea=idea, organisation=organisation, kind="medfinansiering", amount=Decimal(75000))
    return idea


# Dates -------------------------------------------------------------------------------------------


def test_event_dates_read_the_english_way_under_en_and_the_danish_way_at_home(client, event):
    english = soup_of(client, "/en" + event.url)
    when = text_of(english.find("dt", string="When").find_next_sibling("dd"))
    assert when == "Tuesday 9 February 2027, 10:00–12:00"
    deadline = text_of(english.find("dt", string="Registration deadline").find_next_sibling("dd"))
    assert deadline == "Monday 8 February 2027, 10:00"
    assert "kl." not in text_of(english.find("main"))

    danish = soup_of(client, event.url)
    assert text_of(danish.find("dt", string="Hvornår").find_next_sibling("dd")) == (
        "tirsdag 9. februar 2027, kl. 10.00–12.00"
    )


def test_event_cards_and_idea_dates_read_the_english_way(client, event, cofunded_idea):
    # Its month: the first page of the listing may be full of sooner events.
    listing = soup_of(client, "/en/arrangementer/?maaned=2027-02")
    link = listing.find("a", string=event.title)
    card = link.find_parent("article")
    assert text_of(card.find("time")) == "9 February 2027, 10:00"

    idea = soup_of(client, "/en" + danish_url(cofunded_idea))
    submitted = timezone.localtime(cofunded_idea.submitted_at)
    assert f"submitted {submitted.day} {submitted:%B} {submitted.year}" in text_of(page_header(idea))


# Amounts ----------------------------------------------------------------------------------------


def test_pledged_amounts_are_in_danish_kroner_the_languages_way(client, cofunded_idea):
    english = text_of(soup_of(client, "/en" + danish_url(cofunded_idea)).find("main"))
    assert "DKK 75,000" in english
    assert " kr." not in english and "75.000" not in english
    danish = text_of(soup_of(client, danish_url(cofunded_idea)).find("main"))
    assert "75.000 kr." in danish and "DKK" not in danish

    card = soup_of(client, "/en/ideer/").find("a", string=cofunded_idea.title).find_parent("article")
    assert "DKK 75,000 pledged" in text_of(card)


def test_product_prices_and_the_membership_fee_are_in_english_format(client, site):
    product = next(p for p in ProductPage.objects.live() if p.prices.exists())
    price = product.prices.order_by("pk").first()
    table = soup_of(client, "/en" + product.url).find("table")
    cells = [text_of(cell) for cell in table.find_all("td")]
    assert f"DKK {price.yearly_fee:,}" in cells
    assert not any("kr." in cell for cell in cells)
    danish_cells = [text_of(cell) for cell in soup_of(client, product.url).find("table").find_all("td")]
    assert f"{price.yearly_fee:,} kr.".replace(",", ".") in danish_cells

    join = text_of(soup_of(client, "/en/join/").find("main"))
    assert "Yearly fee: DKK 25,000 excl. VAT" in join


# The join page ----------------------------------------------------------------------------------


def test_the_join_page_and_its_menu_item_are_english(client, site):
    home = soup_of(client, "/en/")
    item = landmark(home, "Main menu").find("a", href="/en/join/")
    assert text_of(item) == "Become a member"
    assert not item.find(attrs={"lang": True}) and not item.get("hreflang")

    join = soup_of(client, "/en/join/")
    assert text_of(join.find("h1")) == "Become a member"
    assert "To pay the yearly fee" in text_of(join.find("main"))
    assert join.find("a", href="/en/join/ansoeg/offentlig/")
    # The Danish join page's switcher leads to it, and its old English address too.
    assert language_switcher(soup_of(client, "/bliv-medlem/")).a["href"] == "/en/join/"
    response = client.get("/en/bliv-medlem/")
    assert response.status_code == 302 and response["Location"] == "/en/join/"


# English fields ---------------------------------------------------------------------------------


def test_products_show_their_english_tagline_and_introduction(client, site):
    product = ProductPage.objects.live().exclude(tagline_en="").exclude(introduction_en="").first()
    page = soup_of(client, "/en" + product.url)
    line = tagline(page)
    assert text_of(line) == product.tagline_en and not line.get("lang")
    assert product.introduction_en.split()[0] in text_of(page.find("main"))
    assert product.introduction.split("\n")[0] not in text_of(page.find("main"))
    # The description for search engines and link previews is English too.
    assert page.find("meta", attrs={"name": "description"})["content"].startswith(
        product.introduction_en[:30]
    )

    card = soup_of(client, "/en/produkter/").find("a", string=product.title).find_parent("article")
    assert product.tagline_en in text_of(card)
    # In Danish: the Danish fields.
    assert text_of(tagline(soup_of(client, product.url))) == product.tagline


def test_a_product_without_english_text_shows_its_danish_text_marked_danish(client, site):
    product = ProductPage.objects.live().first()
    ProductPage.objects.filter(pk=product.pk).update(tagline_en="", introduction_en="")
    page = soup_of(client, "/en" + product.url)
    line = tagline(page)
    assert text_of(line) == product.tagline and line["lang"] == "da"
    assert marked_danish(page, first_line(product.introduction))
    card = soup_of(client, "/en/produkter/").find("a", string=product.title).find_parent("article")
    assert marked_danish(card, product.tagline)
    # Danish pages mark nothing.
    assert not tagline(soup_of(client, product.url)).get("lang")


# Danish text marked as Danish -------------------------------------------------------------------


def test_untranslated_pages_mark_their_danish_text_on_every_page_type(client, event):
    tab = ProductTabPage.objects.live().public().first()
    tab_page = soup_of(client, "/en" + tab.url)
    assert tab_page.main.find("h2", string=tab.title)["lang"] == "da"

    event_page = soup_of(client, "/en" + event.url)
    assert event_page.find("h1")["lang"] == "da"
    assert marked_danish(event_page, "Vi mødes og taler om åbne data.")
    # The interface around it is English and not marked.
    assert not event_page.find("dt", string="When").get("lang")

    article = NewsPage.objects.live().filter(locale__language_code="da").first()
    news = soup_of(client, "/en" + article.url)
    assert news.find("h1")["lang"] == "da"

    home = HomePage.objects.get(locale__language_code="da")
    content = ContentPage(
        title="Om vores samarbejde", slug="om-vores-samarbejde", introduction="Sådan arbejder vi."
    )
    home.add_child(instance=content)
    content.save_revision().publish()
    content_page = soup_of(client, "/en/om-vores-samarbejde/")
    assert marked_danish(content_page, "Om vores samarbejde") and marked_danish(
        content_page, "Sådan arbejder vi."
    )

    organisation = Organisation.objects.exclude(description="").first()
    profile = soup_of(client, "/en" + danish_url(organisation))
    assert marked_danish(profile, first_line(organisation.description))


def test_ideas_and_cards_mark_their_danish_text(client, event, cofunded_idea):
    idea = soup_of(client, "/en" + danish_url(cofunded_idea))
    assert idea.find("h1")["lang"] == "da"
    assert marked_danish(idea, first_line(cofunded_idea.need))

    ideas = soup_of(client, "/en/ideer/")
    assert ideas.find("a", string=cofunded_idea.title)["lang"] == "da"
    events = soup_of(client, "/en/arrangementer/?maaned=2027-02")
    assert events.find("a", string=event.title)["lang"] == "da"
    article = NewsPage.objects.live().filter(locale__language_code="da").order_by("-date").first()
    assert soup_of(client, "/en/nyheder/").find("a", string=article.title)["lang"] == "da"
    # The front page's cards: the ideas seeking support, written in Danish.
    idea_cards = [
        link for link in card_links(soup_of(client, "/en/")) if link["href"].startswith("/en/ideer/")
    ]
    assert idea_cards and all(link["lang"] == "da" for link in idea_cards)

    # In Danish nothing is marked.
    assert not soup_of(client, danish_url(cofunded_idea)).find("h1").get("lang")
    assert not soup_of(client, "/arrangementer/?maaned=2027-02").find("a", string=event.title).get("lang")


def test_a_translated_page_is_not_marked(client, site):
    about = soup_of(client, "/en/about-os2/")
    assert not about.find("h1").find_parent(attrs={"lang": "da"})


# One address per page in each language ----------------------------------------------------------


def test_a_danish_page_asked_for_under_en_goes_to_its_translation(client, site):
    response = client.get("/en/om-os2/")
    assert response.status_code == 302 and response["Location"] == "/en/about-os2/"
    response = client.get("/en/om-os2/medlemskab/?fra=nyhedsbrev")
    assert response.status_code == 302
    assert response["Location"] == "/en/about-os2/membership/?fra=nyhedsbrev"
    canonical = soup_of(client, "/en/about-os2/").find("link", rel="canonical")["href"]
    assert canonical.endswith("/en/about-os2/")
    # An untranslated page is still served under /en/, with its own canonical address there.
    assert client.get("/en/produkter/os2mo/").status_code == 200


# Sitemap, feeds and the language switcher -------------------------------------------------------


def test_the_sitemap_lists_the_english_addresses_with_their_alternates(client, site):
    sitemap = BeautifulSoup(client.get("/sitemap.xml").content, "html.parser")
    entries = {url.find("loc").text: url for url in sitemap.find_all("url")}
    about_en = next(loc for loc in entries if loc.endswith("/en/about-os2/"))
    alternates = {link["hreflang"]: link["href"] for link in entries[about_en].find_all("xhtml:link")}
    assert alternates["da"].endswith("/om-os2/") and alternates["en"] == about_en
    assert not any(loc.endswith("/en/om-os2/") for loc in entries)
    # A page not yet translated, at its English address, and an organisation's profile.
    assert any(loc.endswith("/en/produkter/os2mo/") for loc in entries)
    assert any(loc.endswith("/en/produkter/os2mo/governance/") for loc in entries)
    organisation = Organisation.objects.order_by("slug").first()
    assert any(loc.endswith("/en" + danish_url(organisation)) for loc in entries)
    assert any(loc.endswith("/en/join/") for loc in entries)
    danish = next(loc for loc in entries if loc.endswith("/produkter/os2mo/") and "/en/" not in loc)
    alternates = {link["hreflang"]: link["href"] for link in entries[danish].find_all("xhtml:link")}
    assert alternates["en"].endswith("/en/produkter/os2mo/")


def test_english_feeds_mark_the_danish_items(client, site):
    article = NewsPage.objects.live().filter(locale__language_code="da").order_by("-date").first()
    for path in ("/en/nyheder/feed/rss/", "/en/nyheder/feed/atom/"):
        feed = feedparser.parse(client.get(path).content)
        assert feed.feed.get("language", "en").startswith("en") or feed.feed.get("language") is None
        entry = next(entry for entry in feed.entries if entry.title == article.title)
        xml = BeautifulSoup(client.get(path).content, "html.parser")
        item = next(
            node for node in xml.find_all(["item", "entry"]) if node.find("title").text == article.title
        )
        assert item["xml:lang"] == "da", path
        assert entry
    # The Danish feeds mark nothing.
    xml = BeautifulSoup(client.get("/nyheder/feed/rss/").content, "html.parser")
    assert not any(item.get("xml:lang") for item in xml.find_all("item"))


def test_english_calendar_marks_the_danish_events(client, event):
    calendar = icalendar.Calendar.from_ical(client.get("/en/arrangementer/kalender/").content)
    entry = next(c for c in calendar.walk("VEVENT") if str(c["summary"]) == event.title)
    assert entry["summary"].params["LANGUAGE"] == "da"


def test_the_language_switcher_keeps_the_filters(client, site):
    soup = soup_of(client, "/en/arrangementer/?type=seminar&side=2")
    assert language_switcher(soup).a["href"] == "/arrangementer/?type=seminar&side=2"
    soup = soup_of(client, "/arrangementer/?type=seminar")
    assert language_switcher(soup).a["href"] == "/en/arrangementer/?type=seminar"


def test_search_results_and_the_directory_mark_danish_text(client, site):
    soup = soup_of(client, "/en/soeg/?q=OS2mo")
    hits = result_links(soup.main)
    assert hits and all(link["lang"] == "da" for link in hits if not link["href"].startswith("/en/about-os2"))
    assert not any(link.get("lang") for link in result_links(soup_of(client, "/soeg/?q=OS2mo").main))

    directory = soup_of(client, "/en/medlemmer/")
    snippets = card_texts(directory)
    assert snippets and all(snippet["lang"] == "da" for snippet in snippets)


def test_a_product_under_en_has_english_breadcrumbs_and_marks_its_danish_tabs_and_roles(client, site):
    soup = soup_of(client, "/en/produkter/os2mo/")
    crumbs = breadcrumbs(soup).find_all("li")
    assert [text_of(crumb) for crumb in crumbs] == ["Home", "Products", "OS2mo"]
    assert crumbs[1].find("a")["href"] == "/en/produkter/" and not crumbs[1].find(attrs={"lang": True})
    assert crumbs[2].find("span")["lang"] == "da"

    tabs = {text_of(tab): tab.span for tab in landmark(soup, "Tabs for OS2mo").find_all("a")}
    assert not tabs["Overview"].get("lang") and not tabs["Governance"].get("lang")
    tab = ProductTabPage.objects.live().child_of(ProductPage.objects.get(slug="os2mo")).first()
    assert tabs[tab.title]["lang"] == "da"

    product = ProductPage.objects.get(slug="os2mo")
    supplier = product.suppliers.exclude(role="").select_related("organisation").first()
    assert marked_danish(soup, supplier.role)

    # The tabs, the topics and the governance badge keep the visitor in English, on every tab.
    for path in ("/en/produkter/os2mo/", "/en" + tab.url):
        page = soup_of(client, path)
        header = page_header(page).find_all("a") + landmark(page, "Tabs for OS2mo").find_all("a")
        assert header and all(link["href"].startswith("/en/") for link in header), path


def test_danish_data_in_tables_filters_and_lists_is_marked(client, site):
    governance = soup_of(client, "/en/produkter/os2mo/governance/")
    criteria = governance.select("table td[lang]")
    assert criteria and all(cell["lang"] == "da" for cell in criteria)

    ideas = soup_of(client, "/en/ideer/")
    states = [option for option in ideas.select("select#filter-state option") if option["value"]]
    assert states and all(option.get("lang") == "da" for option in states)

    join = soup_of(client, "/en/join/")
    explanations = region(join, "Agreement templates").find_all("dd")
    assert explanations and all(item["lang"] == "da" for item in explanations)
    # In Danish none of it is marked.
    assert not soup_of(client, "/produkter/os2mo/governance/").select("[lang='da']:not(html)")
