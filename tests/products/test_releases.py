"""A product's releases are kept in the admin by its coordinators (their own product only) and by the
secretariat; the newest is the product's latest version on its page. On two products built for the
test, logged in as a member of OS2mo's coordinators' group and of the Sekretariat group, through the
real snippet views."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from products.models import ProductPage, ProductRelease
from tests.factories import ProductPageFactory, ProductReleaseFactory, catalogue, coordinator_of
from tests.factories import secretary as secretary_user
from tests.markup import definitions, parse, region, text

from .test_coordinator_permissions import refused

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

RELEASES = "/admin/snippets/products/productrelease/"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def products():
    """OS2mo and OS2kitos, each with two releases; OS2mo's publiccode.yml gave an older version."""
    index = catalogue()
    os2mo = ProductPageFactory(
        parent=index,
        title="OS2mo",
        slug="os2mo",
        software_version="1.0.0",
        release_date=datetime.date(2024, 1, 1),
    )
    kitos = ProductPageFactory(parent=index, title="OS2kitos", slug="os2kitos")
    ProductReleaseFactory(product=os2mo, version="3.1.0", released_on=datetime.date(2026, 3, 1))
    ProductReleaseFactory(product=os2mo, version="3.2.0", released_on=datetime.date(2026, 6, 1))
    ProductReleaseFactory(product=kitos, version="5.0.0", released_on=datetime.date(2026, 2, 1))
    ProductReleaseFactory(product=kitos, version="5.1.0", released_on=datetime.date(2026, 5, 1))
    return os2mo, kitos


@pytest.fixture
def coordinator(products):
    return logged_in(coordinator_of(products[0]))


@pytest.fixture
def secretary():
    return logged_in(secretary_user())


def product(slug):
    return ProductPage.objects.get(slug=slug)


def form(product, version="9.0.0", **extra):
    return {
        "product": product.pk,
        "version": version,
        "released_on": "2026-11-30",
        "notes": "Ny kalender.",
        "url": "https://github.com/OS2mo/os2mo/releases/tag/v9.0.0",
        **extra,
    }


def errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(
        e.get_text(" ", strip=True) for e in soup.select(".error-message, .w-field__errors, .messages li")
    )


def test_the_newest_release_is_the_latest_version_and_every_release_is_listed_newest_first(client):
    os2mo = product("os2mo")
    assert os2mo.latest_version == ("3.2.0", datetime.date(2026, 6, 1))
    soup = BeautifulSoup(client.get("/produkter/os2mo/").content, "html.parser")
    facts = definitions(region(soup, "Nøgletal"))
    assert text(facts["Seneste version"]).startswith("3.2.0 ")
    section = region(soup, "Versioner")
    headings = [text(h) for h in section.find_all("h3")]
    assert [heading.split()[1] for heading in headings] == ["3.2.0", "3.1.0"]
    assert all(heading.startswith("Version ") for heading in headings)


def test_a_coordinator_adds_and_edits_their_products_releases(coordinator, client):
    os2mo = product("os2mo")
    add = coordinator.get(RELEASES + "add/")
    choices = BeautifulSoup(add.content, "html.parser").select("select[name=product] option[value]")
    assert [o.get_text(strip=True) for o in choices if o["value"]] == ["OS2mo"]

    response = coordinator.post(RELEASES + "add/", form(os2mo, version="42.0.0", released_on="2030-01-01"))
    assert response.status_code == 302, errors(response)
    release = ProductRelease.objects.get(product=os2mo, version="42.0.0")
    assert os2mo.latest_version == ("42.0.0", datetime.date(2030, 1, 1))
    facts = definitions(region(parse(client.get("/produkter/os2mo/")), "Nøgletal"))
    assert text(facts["Seneste version"]).startswith("42.0.0 ")

    response = coordinator.post(
        RELEASES + f"edit/{release.pk}/", form(os2mo, version="42.0.1", released_on="2030-01-02")
    )
    assert response.status_code == 302, errors(response)
    release.refresh_from_db()
    assert release.version == "42.0.1"

    listing = BeautifulSoup(coordinator.get(RELEASES).content, "html.parser")
    assert {row.get_text(" ", strip=True).split()[0] for row in listing.select("tbody tr")} == set(
        os2mo.releases.values_list("version", flat=True)
    )


def test_a_coordinator_is_refused_another_products_releases(coordinator):
    kitos = product("os2kitos")
    other = kitos.releases.first()
    assert refused(coordinator.get(RELEASES + f"edit/{other.pk}/"))
    assert refused(coordinator.post(RELEASES + f"edit/{other.pk}/", form(kitos, version="66.6.6")))
    assert refused(coordinator.post(RELEASES + f"delete/{other.pk}/"))
    other.refresh_from_db()
    assert other.version != "66.6.6"

    response = coordinator.post(RELEASES + "add/", form(kitos, version="66.6.6"))
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed." in errors(response)
    assert not ProductRelease.objects.filter(version="66.6.6").exists()


def test_the_secretariat_edits_every_products_releases_and_a_repeated_version_is_refused(secretary):
    kitos = product("os2kitos")
    response = secretary.post(RELEASES + "add/", form(kitos, version="7.0.0"))
    assert response.status_code == 302, errors(response)
    response = secretary.post(RELEASES + "add/", form(kitos, version="7.0.0"))
    assert response.status_code == 200
    assert "Produktet har allerede en version med det nummer." in errors(response)
    assert ProductRelease.objects.filter(product=kitos, version="7.0.0").count() == 1
    release = ProductRelease.objects.get(product=kitos, version="7.0.0")
    assert secretary.post(RELEASES + f"delete/{release.pk}/").status_code == 302
    assert not ProductRelease.objects.filter(pk=release.pk).exists()
