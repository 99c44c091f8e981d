"""What pages are made from is kept apart from the default cache, which holds rate limits and sessions
and is the database unless LIMITS_CACHE_URL names a Redis (os2site/caches.py): Wagtail's image
renditions are kept in the pages cache (before, each image of a page cost a transaction of four
queries on every render). Wagtail keeps the sites' root paths in the default cache, as it is made to:
one read per rendered page, none for a page served from the page cache."""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2site import page_cache
from products.models import ProductPage
from tests.markup import parse

pytestmark = pytest.mark.django_db

LIMITS_TABLE = "os2site_test_limits"


@pytest.fixture(autouse=True)
def pages_rendered_each_time(settings):
    settings.PAGE_CACHE_SECONDS = 0


def product_with_logo():
    return ProductPage.objects.live().exclude(logo=None).select_related("logo").first()


def test_a_product_logos_renditions_are_cached_with_the_pages_not_with_the_limits(client, demo):
    product = product_with_logo()
    for alias in ("default", "pages"):
        caches[alias].clear()
    response = client.get(product.url)
    assert response.status_code == 200
    renditions = list(product.logo.renditions.all())
    shown = {img["src"] for img in parse(response).find_all("img")}
    assert {rendition.url for rendition in renditions} & shown
    keys = [rendition.get_cache_key() for rendition in renditions]
    assert any(caches["pages"].get(key) is not None for key in keys)
    assert all(caches["default"].get(key) is None for key in keys)


def test_a_rendered_page_asks_the_limits_store_in_the_database_nothing(client, demo, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": LIMITS_TABLE},
    }
    call_command("createcachetable", verbosity=0)
    product = product_with_logo()
    assert client.get(product.url).status_code == 200
    page_cache.invalidate()
    with CaptureQueriesContext(connection) as after_a_change:
        assert client.get(product.url).status_code == 200
    with CaptureQueriesContext(connection) as steady:
        assert client.get(product.url).status_code == 200

    def asked(captured):
        return [query["sql"] for query in captured.captured_queries if LIMITS_TABLE in query["sql"]]

    # Wagtail's root paths, once per rendered page (addresses made with the request share one read);
    # after a change the shared parts are built too. Never a rendition.
    assert len(asked(steady)) <= 1, asked(steady)
    assert all("wagtail_site_root_paths" in sql for sql in asked(after_a_change) + asked(steady))
