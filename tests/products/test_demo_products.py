"""The demo's products are what the other tests and a visitor to `make run` expect: each product's
latest version is its newest release."""

import pytest

from products.models import ProductPage

pytestmark = pytest.mark.django_db


def test_the_demo_products_newest_release_is_their_publiccode_version(demo):
    for product in ProductPage.objects.filter(slug__in=["os2mo", "os2kitos"]):
        releases = list(product.releases.all())
        assert len(releases) >= 2
        newest = releases[0]
        assert (newest.version, newest.released_on) == (product.software_version, product.release_date)
