"""What search engines and link previews read: titles, descriptions, canonical addresses, Open Graph
tags, JSON-LD, the sitemap and robots.txt."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction
from wagtail_factories import ImageFactory

from community.models import Idea, NewsIndexPage, NewsPage
from community.news.demo import NEWS_PAGE
from community.news.views import NEWS_PER_PAGE
from home.demo import ensure_section
from home.models import HomePage, SiteSettings
from tests.factories import (
    ContentPageFactory,
    EventPageFactory,
    OrganisationFactory,
    ProductPageFactory,
    catalogue,
    events_page,
)

pytestmark = pytest.mark.django_db

# Every test but the sitemap's builds the few pages and rows it reads.
factories = pytest.mark.factories


@pytest.fixture
def about(db):
    return ContentPageFactory(
        parent=HomePage.objects.get(locale__language_code="da"),
        title="Om OS2",
        slug="om-os2",
        introduction="OS2 er de offentlige myndigheders fællesskab om digitale løsninger med åben kildekode.",
    )


@pytest.fixture
def hedensted(db):
    return OrganisationFactory(name="Hedensted Kommune", slug="hedensted-kommune", region="midtjylland")


def publish_news(count):
    """`count` articles, one a day back from today, newest first."""
    news = ensure_section(NewsIndexPage, NEWS_PAGE)[0]
    today = datetime.date.today()
    return [
        news.add_child(
            instance=NewsPage(
                title=f"Nyhed {number}",
                slug=f"nyhed-{number}",
                date=today - datetime.timedelta(days=number),
            )
        )
        for number in range(count)
    ]


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def meta(document, key):
    tag = document.find("meta", attrs={"property": key}) or document.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def json_ld(document):
    return [json.loads(script.string) for script in document.find_all("script", type="application/ld+json")]


@factories
def test_a_content_page_has_title_description_canonical_and_open_graph(about, client):
    document = soup(client.get("/om-os2/?utm_source=nyhedsbrev&page=1"))

    assert document.title.string == "Om OS2 · OS2"
    description = meta(document, "description")
    assert description and len(description) <= 160
    assert document.find("link", rel="canonical")["href"] == "http://testserver/om-os2/"
    assert meta(document, "og:url") == "http://testserver/om-os2/"
    assert meta(document, "og:title") == "Om OS2"
    assert meta(document, "og:description") == description
    assert meta(document, "og:type") == "website"
    assert meta(document, "twitter:card") == "summary"


@factories
def test_the_editors_search_description_and_seo_title_win(about, client):
    page = about
    page.seo_title = "Om fællesskabet"
    page.search_description = "Kort om OS2 til søgemaskiner."
    page.save_revision().publish()

    document = soup(client.get("/om-os2/"))

    assert document.title.string == "Om fællesskabet · OS2"
    assert meta(document, "description") == "Kort om OS2 til søgemaskiner."
    assert meta(document, "og:title") == "Om fællesskabet"


@factories
def test_a_later_listing_page_is_its_own_canonical_page_and_filters_are_not(client):
    publish_news(NEWS_PER_PAGE + 1)
    document = soup(client.get("/nyheder/?page=2&emne=x"))
    assert document.find("link", rel="canonical")["href"] == "http://testserver/nyheder/?page=2"

    document = soup(client.get("/medlemmer/?type=kommune"))
    assert document.find("link", rel="canonical")["href"] == "http://testserver/medlemmer/"
    assert meta(document, "robots") == "noindex"
    assert soup(client.get("/medlemmer/")).find("meta", attrs={"name": "robots"}) is None


@factories
def test_a_news_article_shares_its_picture(client):
    (article,) = publish_news(1)
    article.image = ImageFactory(file__width=1600, file__height=900)
    article.image_alt = "Deltagere ved OS2mo-dagen"
    article.save_revision().publish()

    document = soup(client.get(article.url))

    image_url = meta(document, "og:image")
    assert image_url.startswith("http://testserver/") and ".png" in image_url
    assert (meta(document, "og:image:width"), meta(document, "og:image:height")) == ("1200", "630")
    assert meta(document, "og:image:alt") == "Deltagere ved OS2mo-dagen"
    assert meta(document, "og:type") == "article"
    assert meta(document, "twitter:card") == "summary_large_image"
    (data,) = json_ld(document)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["datePublished"] == article.date.isoformat()


@factories
def test_an_event_describes_itself_as_a_schema_org_event(hedensted, client):
    event = EventPageFactory(parent=events_page(), registration_open=True)
    event.place_name = "Dokk1"
    event.address = "Hack Kampmanns Plads 2\n8000 Aarhus C"
    event.online_url = "https://meet.example.dk/os2"
    event.online_url_for_participants_only = False
    event.capacity = None
    event.organiser = hedensted
    event.save_revision().publish()

    (data,) = json_ld(soup(client.get(event.url)))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["startDate"] == event.local_start.isoformat()
    assert data["endDate"] == event.local_end.isoformat()
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    place, online = data["location"]
    assert place == {"@type": "Place", "name": "Dokk1", "address": "Hack Kampmanns Plads 2, 8000 Aarhus C"}
    assert online == {"@type": "VirtualLocation", "url": "https://meet.example.dk/os2"}
    assert data["organizer"]["name"] == "Hedensted Kommune"
    assert data["organizer"]["@type"] == "GovernmentOrganization"
    assert data["offers"]["url"] == f"http://testserver{event.url}#tilmelding"
    assert data["offers"]["availability"] == "https://schema.org/InStock"


@factories
def test_an_online_link_for_participants_only_stays_out_of_the_data(client):
    event = EventPageFactory(parent=events_page())
    event.place_name = ""
    event.online_url = "https://meet.example.dk/hemmelig"
    event.online_url_for_participants_only = True
    event.cancelled = True
    event.save_revision().publish()

    response = client.get(event.url)
    (data,) = json_ld(soup(response))

    assert b"hemmelig" not in response.content
    assert data["location"] == {"@type": "VirtualLocation", "url": f"http://testserver{event.url}"}
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


@factories
def test_an_organisation_describes_itself_with_its_cvr_number_and_logo(hedensted, client):
    organisation = hedensted
    organisation.cvr = "12345678"
    organisation.website = "https://aarhus.dk"
    organisation.logo = ImageFactory(file__width=400, file__height=200)
    organisation.save()

    document = soup(client.get(organisation.get_absolute_url()))
    (data,) = json_ld(document)

    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == "Hedensted Kommune"
    assert data["url"] == "http://testserver/medlemmer/hedensted-kommune/"
    assert data["identifier"] == {"@type": "PropertyValue", "propertyID": "CVR", "value": "12345678"}
    assert data["sameAs"] == ["https://aarhus.dk"]
    assert data["areaServed"] == "Region Midtjylland"
    assert data["logo"].startswith("http://testserver/")
    assert meta(document, "og:image") == data["logo"]
    assert meta(document, "twitter:card") == "summary"


@factories
def test_a_supplier_is_an_organization_not_a_government_one(client):
    supplier = OrganisationFactory(name="Magenta ApS", kind="leverandoer")

    (data,) = json_ld(soup(client.get(supplier.get_absolute_url())))

    assert data["@type"] == "Organization"


@factories
def test_a_product_describes_itself_as_software(client):
    product = ProductPageFactory(
        parent=catalogue(),
        title="OS2mo",
        slug="os2mo",
        licence="MPL-2.0",
        introduction="OS2mo holder styr på organisationen og dens medarbejdere.",
    )

    (data,) = json_ld(soup(client.get(product.url)))

    assert data["@type"] == "SoftwareApplication"
    assert data["name"] == product.title
    assert data["url"] == "http://testserver/produkter/os2mo/"
    assert data["license"] == f"https://spdx.org/licenses/{product.licence}.html"
    assert data["applicationCategory"] == "BusinessApplication"
    assert data["description"]


@factories
def test_the_home_page_describes_the_site_and_os2(client):
    settings = SiteSettings.load()
    settings.cvr = "35788948"
    settings.save()

    (data,) = json_ld(soup(client.get("/")))

    website, organisation = data["@graph"]
    assert website["@type"] == "WebSite"
    assert website["url"] == "http://testserver/"
    assert (
        website["potentialAction"]["target"]["urlTemplate"]
        == "http://testserver/soeg/?q={search_term_string}"
    )
    assert organisation["@type"] == "Organization"
    assert organisation["identifier"]["value"] == "35788948"


@factories
def test_text_from_editors_cannot_close_the_data_script(hedensted, client):
    organisation = hedensted
    organisation.description = "Vi </script><script>alert(1)</script> deler"
    organisation.save()

    response = client.get(organisation.get_absolute_url())

    assert b"<script>alert(1)" not in response.content
    (data,) = json_ld(soup(response))
    assert data["description"] == "Vi </script><script>alert(1)</script> deler"


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = ET.fromstring(response.content)  # noqa: S314 - the site's own response
    return [loc.text for loc in sitemap.findall("s:url/s:loc", namespace)]


def test_the_sitemap_lists_public_pages_tabs_profiles_and_ideas_but_not_restricted_pages(demo, client):
    """On the demo: every kind of public page, a product's tabs, member profiles, public and draft
    ideas and a page below another, each as editors make them."""
    from wagtail.models import Page

    restricted = Page.objects.get(slug="aftaler")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)

    paths = {location.split("/", 3)[3] for location in sitemap_locations(client)}

    assert {"", "om-os2/", "produkter/os2mo/", "produkter/os2mo/om/", "produkter/os2mo/governance/"} <= paths
    assert "medlemmer/hedensted-kommune/" in paths
    public_idea = Idea.objects.public().first()
    assert public_idea.get_absolute_url().lstrip("/") in paths
    assert not {idea.get_absolute_url().lstrip("/") for idea in Idea.objects.drafts()} & paths
    assert "om-os2/aftaler/" not in paths
    assert not any(path.startswith(("soeg", "admin", "konto")) for path in paths)


@factories
def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /django-admin/" in lines
    assert "Sitemap: https://os2.test/sitemap.xml" in lines  # the public address


@factories
def test_search_results_say_noindex(client):
    assert meta(soup(client.get("/soeg/?q=OS2mo")), "robots") == "noindex"
