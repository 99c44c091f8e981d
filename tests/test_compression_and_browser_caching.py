"""What goes over the wire: a page that is the same for every anonymous visitor is sent gzip-compressed
with `Cache-Control: public` and a short max-age, varied by cookie; a logged-in member's page, a page
with a form token and the account pages are neither compressed (BREACH) nor kept by browsers for
others. The page cache works as before, and static files are compressed ahead with Brotli and gzip."""

import gzip

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone
from django.utils.cache import get_max_age

from community.models import EventPage
from products.models import ProductTabPage
from tests.public_pages import approved_member

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def directives(response):
    return {
        part.split("=")[0].strip() for part in response.get("Cache-Control", "").split(",") if part.strip()
    }


def varies(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


def html_of(response):
    body = (
        gzip.decompress(response.content) if response.get("Content-Encoding") == "gzip" else response.content
    )
    return BeautifulSoup(body, "html.parser")


def assert_public_and_compressed(response, settings):
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "public" in directives(response) and "private" not in directives(response)
    assert get_max_age(response) == settings.BROWSER_CACHE_SECONDS
    assert {"cookie", "accept-encoding"} <= varies(response)


def assert_private_and_uncompressed(response):
    assert not response.has_header("Content-Encoding")
    assert "public" not in directives(response)
    assert {"private", "no-cache"} <= directives(response) or "no-store" in directives(response)


def test_an_anonymous_page_is_compressed_and_briefly_public(client, demo, settings):
    first = client.get("/om-os2/", **GZIP)
    second = client.get("/om-os2/", **GZIP)

    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    for response in (first, second):
        assert_public_and_compressed(response, settings)
        assert html_of(response).select_one("main h1").get_text(strip=True) == "Om OS2"
    assert len(first.content) < len(gzip.decompress(first.content)) / 2
    assert html_of(first).decode() == html_of(second).decode()


def test_without_accept_encoding_nothing_is_compressed(client, demo, settings):
    response = client.get("/om-os2/")

    assert not response.has_header("Content-Encoding")
    assert get_max_age(response) == settings.BROWSER_CACHE_SECONDS
    assert html_of(response).select_one("main h1").get_text(strip=True) == "Om OS2"


def test_search_answers_and_suggestions_are_public_too(client, demo, settings):
    assert_public_and_compressed(client.get("/soeg/", {"q": "os2mo"}, **GZIP), settings)
    suggestions = client.get("/soeg/forslag/", {"q": "OS2m"}, **GZIP)
    assert "public" in directives(suggestions)


def test_a_members_pages_are_private_and_uncompressed(client, demo):
    member = Client()
    member.force_login(approved_member())

    for path in ("/om-os2/", "/ideer/", "/min-side/"):
        response = member.get(path, **GZIP)
        assert response.status_code == 200, path
        assert_private_and_uncompressed(response)


def test_a_page_with_a_form_token_and_the_account_pages_are_private_and_uncompressed(client, demo):
    event = EventPage.objects.live().filter(start__gt=timezone.now(), registration_open=True).first()
    with_token = client.get(f"{event.url}tilmeld/", **GZIP)
    assert 'name="csrfmiddlewaretoken"' in with_token.content.decode()
    assert_private_and_uncompressed(with_token)

    for path in ("/konto/login/", "/konto/signup/"):
        assert_private_and_uncompressed(client.get(path, **GZIP))


def test_a_change_shows_at_once_in_the_compressed_page(client, demo, settings):
    tab = ProductTabPage.objects.live().get(slug="om", url_path__contains="/os2mo/")
    client.get("/produkter/os2mo/om/", **GZIP)
    assert client.get("/produkter/os2mo/om/", **GZIP)["X-Cache"] == "hit"

    tab.title = "Om produktet"
    tab.save_revision().publish()
    response = client.get("/produkter/os2mo/om/", **GZIP)

    assert response["X-Cache"] == "miss"
    assert_public_and_compressed(response, settings)
    assert "Om produktet" in html_of(response).get_text()


def test_without_the_page_cache_public_pages_are_still_public(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 0

    response = client.get("/om-os2/", **GZIP)

    assert response["X-Cache"] == "bypass"
    assert_public_and_compressed(response, settings)


def test_browser_caching_can_be_turned_off(client, demo, settings):
    settings.BROWSER_CACHE_SECONDS = 0

    response = client.get("/om-os2/", **GZIP)

    assert response["X-Cache"] == "miss"
    assert "public" not in directives(response) and "private" in directives(response)


def test_static_files_are_compressed_ahead_with_brotli_and_gzip(tmp_path, settings):
    """What `collectstatic` does with the production storage (WhiteNoise), on the site's stylesheet, and
    WhiteNoise serving the Brotli file to a browser that accepts it."""
    import brotli
    from whitenoise.compress import Compressor
    from whitenoise.middleware import WhiteNoiseMiddleware

    stylesheet = tmp_path / "site.css"
    stylesheet.write_bytes((settings.BASE_DIR / "static" / "css" / "site.css").read_bytes())
    list(Compressor(quiet=True).compress(str(stylesheet)))
    assert brotli.decompress((tmp_path / "site.css.br").read_bytes()) == stylesheet.read_bytes()
    assert gzip.decompress((tmp_path / "site.css.gz").read_bytes()) == stylesheet.read_bytes()

    settings.STATIC_ROOT = str(tmp_path)
    settings.WHITENOISE_USE_FINDERS = False
    from django.test import RequestFactory

    middleware = WhiteNoiseMiddleware(lambda request: pytest.fail("WhiteNoise did not answer"))
    response = middleware(RequestFactory().get(settings.STATIC_URL + "site.css", HTTP_ACCEPT_ENCODING="br"))
    assert response["Content-Encoding"] == "br"
