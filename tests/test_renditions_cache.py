"""Image renditions are data built from the database, so Wagtail keeps them in the pages cache (Redis
shared by the app servers in production), never in the default cache, which holds rate limits and
sessions and is the database unless LIMITS_CACHE_URL names a Redis: there each image of a page cost a
transaction of four queries on every render."""

import pytest
from django.core.cache import caches

from products.models import ProductPage
from tests.markup import parse

pytestmark = pytest.mark.django_db


def test_a_product_logos_renditions_are_cached_with_the_pages_not_with_the_limits(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 0
    product = ProductPage.objects.live().exclude(logo=None).select_related("logo").first()
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
