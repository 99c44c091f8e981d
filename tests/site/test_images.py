"""Pictures are served as WebP renditions in several sizes, with their width and height set (no layout
shift) and loaded lazily where they are below the fold."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail_factories import ImageFactory

from community.models import NewsIndexPage, NewsPage
from community.news.demo import NEWS_PAGE
from home.demo import ensure_section
from home.models import HomePage
from os2site import page_cache
from os2site.caches import pages as pages_cache
from tests.factories import (
    ContentPageFactory,
    OrganisationFactory,
    ProductPageFactory,
    catalogue,
)

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def images(client, url, selector):
    response = client.get(url)
    assert response.status_code == 200
    found = BeautifulSoup(response.content, "html.parser").select(selector)
    assert found, f"no {selector} on {url}"
    return found


def assert_responsive_webp(img, widths):
    assert img["src"].endswith(".webp")
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    candidates = [candidate.split() for candidate in img["srcset"].split(",")]
    assert [int(descriptor.removesuffix("w")) for _url, descriptor in candidates] == widths
    assert all(url.endswith(".webp") for url, _descriptor in candidates)
    assert img["sizes"]


def test_a_product_logo_in_the_header_and_the_catalogue(client):
    index = catalogue()
    ProductPageFactory(parent=index, title="OS2kitos", slug="os2kitos")
    product = ProductPageFactory(parent=index, title="OS2mo", slug="os2mo")
    product.logo = ImageFactory(file__width=800, file__height=400)
    product.save_revision().publish()

    (header_logo,) = images(client, product.url, "img.product-logo")
    assert_responsive_webp(header_logo, [160, 320])
    assert (header_logo["width"], header_logo["height"]) == ("160", "80")
    # At the top of the page: loaded at once.
    assert header_logo.get("loading") is None

    # OS2mo's card, beside a product without a logo.
    card_logos = images(client, "/produkter/", ".product-card-logo img")
    card_logo = next(img for img in card_logos if img.find_parent("article").find("a", string="OS2mo"))
    assert_responsive_webp(card_logo, [240, 480])
    assert card_logo["loading"] == "lazy"


def test_an_organisation_logo(client):
    organisation = OrganisationFactory(name="Hedensted Kommune", slug="hedensted-kommune")
    organisation.logo = ImageFactory(file__width=600, file__height=300)
    organisation.save()

    (logo,) = images(client, organisation.get_absolute_url(), "img.organisation-logo")

    assert_responsive_webp(logo, [240, 480])
    assert (logo["width"], logo["height"]) == ("240", "120")


def test_a_news_picture_on_the_article_and_in_the_list(client):
    news = ensure_section(NewsIndexPage, NEWS_PAGE)[0]
    article = news.add_child(
        instance=NewsPage(title="OS2mo-dagen", slug="os2mo-dagen", date=timezone.localdate())
    )
    article.image = ImageFactory(file__width=2000, file__height=1000)
    article.image_alt = "Deltagere ved OS2mo-dagen"
    article.save_revision().publish()

    (picture,) = images(client, article.url, ".news-image img")
    assert_responsive_webp(picture, [480, 960, 1440])
    assert picture["alt"] == "Deltagere ved OS2mo-dagen"

    card_pictures = images(client, "/nyheder/", ".news-card .card-image img")
    assert_responsive_webp(card_pictures[0], [480, 960])
    assert (card_pictures[0]["width"], card_pictures[0]["height"]) == ("480", "270")
    assert card_pictures[0]["loading"] == "lazy"


def test_an_image_block_in_a_body(client):
    page = ContentPageFactory(
        parent=HomePage.objects.get(locale__language_code="da"), title="Om OS2", slug="om-os2"
    )
    page.body.append(
        ("image", {"image": ImageFactory(file__width=1600, file__height=900), "alt_text": "Et kort"})
    )
    page.save_revision().publish()

    (picture,) = images(client, "/om-os2/", ".image-block img")

    assert_responsive_webp(picture, [480, 800, 1200])
    assert picture["loading"] == "lazy"


def test_a_news_picture_on_the_front_page_made_afresh_kept_and_replaced(client):
    """The front page's news cards show the article's picture. Its renditions are not read with the
    articles: the card is rendered only when its section shows something new, and then Wagtail finds
    them in its renditions cache or makes them. A replaced picture shows on the next request."""
    news = ensure_section(NewsIndexPage, NEWS_PAGE)[0]
    article = news.add_child(
        instance=NewsPage(title="OS2mo-dagen", slug="os2mo-dagen", date=timezone.localdate())
    )
    article.image = ImageFactory(file__width=2000, file__height=1000)
    article.save_revision().publish()
    selector = ".card-image img"

    pages_cache.clear()  # nothing kept: the section rendered, its renditions read or made
    (afresh,) = images(client, "/", selector)
    assert_responsive_webp(afresh, [480, 960])
    page_cache.invalidate()  # a change elsewhere: the section kept as it was
    assert images(client, "/", selector) == [afresh]

    article.image = ImageFactory(file__width=1600, file__height=900)
    article.save_revision().publish()
    (replaced,) = images(client, "/", selector)
    assert_responsive_webp(replaced, [480, 960])
    assert replaced["src"] != afresh["src"]
