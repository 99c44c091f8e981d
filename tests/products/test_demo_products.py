"""The demo's products are what the other tests and a visitor to `make run` expect: each product's
latest version is its newest release, each has one coordinator in its coordinators' group, and their
publiccode.yml facts vary."""

import pytest
from django.contrib.auth.models import Group

from products.models import ProductPage
from products.permissions import coordinator_group_name

pytestmark = pytest.mark.django_db


def test_the_demo_products_newest_release_is_their_publiccode_version(demo):
    for product in ProductPage.objects.filter(slug__in=["os2mo", "os2kitos"]):
        releases = list(product.releases.all())
        assert len(releases) >= 2
        newest = releases[0]
        assert (newest.version, newest.released_on) == (product.software_version, product.release_date)


def test_demo_has_one_coordinator_in_each_products_group(demo):
    for product in ProductPage.objects.all():
        group = Group.objects.get(name=coordinator_group_name(product))
        assert list(group.user_set.values_list("username", flat=True)) == [f"tovholder-{product.slug}"]


def test_the_demo_products_have_varied_facts(demo):
    products = ProductPage.objects.live()
    assert len({p.software_type for p in products}) > 1
    assert len({p.scope for p in products}) > 1
    until = {s.contract_until for p in products for s in p.suppliers.all() if s.contract_until}
    assert len(until) > 3
