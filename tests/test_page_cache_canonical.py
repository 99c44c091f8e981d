"""Only addresses the site's own links make are stored in the page cache: a configured host with its own
port, and the query parameters pages read, each short. Every made-up variant of an address (another
port, an unknown parameter, a 10 kB value) is rendered as usual but never stored, so a flood of them
cannot fill the cache; the same parameters in another order or spelling share one entry."""

import pytest

from home.models import SiteSettings
from os2site.caches import pages
from tests.factories import OrganisationFactory, ProductPageFactory, catalogue

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def site(db):
    """The catalogue with a product, a member municipality for the members' list, and the site's settings
    saved (the first page shown otherwise saves them, which starts every cache afresh)."""
    SiteSettings.load()
    ProductPageFactory(parent=catalogue(), title="OS2mo", slug="os2mo")
    OrganisationFactory(name="Ballerup Kommune")


def state(client, path, **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200, path
    return response["X-Cache"]


def stored_entries():
    """How many entries the pages' cache holds (pages, parts and the navigation alike)."""
    return len(pages.keys("*")) if hasattr(pages, "keys") else len(pages._cache)


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/produkter/?x=1", {}),
        ("/produkter/?utm_source=nyhedsbrev", {}),
        ("/produkter/?status=" + "p" * 101, {}),
        ("/produkter/?" + "&".join(["region=a"] * 6), {}),
        ("/produkter/?q=" + "&q=".join("abcdefghij") + "&status=" + "x" * 99, {}),
        ("/produkter/", {"HTTP_HOST": "testserver:9"}),
        ("/produkter/", {"HTTP_HOST": "TESTSERVER"}),
    ],
)
def test_made_up_variants_are_rendered_but_not_stored(client, site, path, extra):
    assert state(client, path, **extra) == "bypass"
    assert state(client, path, **extra) == "bypass"


def test_the_same_parameters_in_another_order_share_one_entry(client, site):
    assert state(client, "/medlemmer/?region=hovedstaden&type=kommune") == "miss"
    assert state(client, "/medlemmer/?type=kommune&region=hovedstaden") == "hit"
    assert state(client, "/medlemmer/?type=kommune&%72egion=hovedstaden") == "hit"
    assert state(client, "/medlemmer/?q=mo&page=2") == "miss"
    assert state(client, "/medlemmer/?page=2&q=mo") == "hit"


def test_a_flood_of_variants_leaves_the_cache_as_it_was(client, site, settings):
    state(client, "/produkter/")
    before = stored_entries()
    for number in range(300):
        assert state(client, f"/produkter/?v={number}") == "bypass"
        assert state(client, "/produkter/", HTTP_HOST=f"testserver:{1000 + number}") == "bypass"
    assert stored_entries() == before
    assert state(client, "/produkter/") == "hit"
