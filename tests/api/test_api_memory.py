"""A long list of the API is answered without holding the page several times over: each result is checked
and written out as JSON one at a time (os2site.api.page_json). Left to Ninja, a page was held as built,
as Pydantic models, dumped back to dicts and as JSON text at once: for 200 products with 30,000 users
118 MB for 6.5 MB of JSON, which each worker then kept (docs/performance.md)."""

import datetime
import gc
import tracemalloc

import pytest

from community.models import Organisation
from products.api import ProductFilters, filtered, products_data
from products.models import JoiningAgreement, ProductPage
from tests.api.test_api_queries import add_products
from tests.api.test_api_queries import site as site  # noqa: F401 - the fixture, shared

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def peak_bytes(work):
    """The most Python memory `work()` held at once beyond what was in use before it."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = work()
        return tracemalloc.get_traced_memory()[1] - before, result
    finally:
        tracemalloc.stop()


def test_a_long_list_is_not_held_several_times_over(client, rf, site, settings):  # noqa: F811
    settings.PAGE_CACHE_SECONDS = 0  # every answer is built, not read from the page cache
    add_products(40)
    organisations = list(Organisation.objects.filter(is_member=True))
    joined = set(JoiningAgreement.objects.values_list("product_id", "organisation_id"))
    JoiningAgreement.objects.bulk_create(
        JoiningAgreement(product=product, organisation=o, joined_on=datetime.date(2024, 1, 1))
        for product in ProductPage.objects.all()
        for o in organisations
        if (product.pk, o.pk) not in joined
    )
    url = "/api/v1/products?page_size=200"
    client.get(url)  # the shared parts, criteria and schemas, once per process
    request = rf.get(url, SERVER_NAME="testserver")
    built, _results = peak_bytes(lambda: products_data(request, filtered(ProductFilters())))
    answered, response = peak_bytes(lambda: client.get(url))

    data = response.json()
    assert data["count"] == 40 and len(data["results"]) == 40
    assert all(len(product["users"]) == len(organisations) for product in data["results"])
    # Building the results, plus the JSON about twice (its parts and their join) and a margin for the
    # request itself; the whole page held as models, dicts and text too came to 3-4 times this.
    assert answered < built + 3 * len(response.content) + 512 * 1024, (built, answered, len(response.content))


def test_the_list_writes_its_products_as_the_single_product_answer_does(client, site, settings):  # noqa: F811
    """Written one at a time, the list's products are the same JSON text as Ninja writes for one
    product: Danish letters as themselves, the same separators, times to the millisecond."""
    settings.PAGE_CACHE_SECONDS = 0
    add_products(3)
    ProductPage.objects.order_by("pk").first().save_revision().publish()  # one with times to write
    listed = client.get("/api/v1/products?page_size=200")
    assert listed.status_code == 200
    text = listed.content.decode()
    for product in listed.json()["results"]:
        single = client.get(f"/api/v1/products/{product['slug']}")
        assert single.status_code == 200
        assert single.content.decode() in text, product["slug"]
    published = [p["last_published_at"] for p in listed.json()["results"] if p["last_published_at"]]
    assert published and all(len(moment) == len("2026-03-01T12:00:00.000Z") for moment in published)
