"""A product's releases are kept in the admin by its coordinators (their own product only) and by the
secretariat; the newest is the product's latest version on its page. Logged in as the demo's
coordinators of OS2mo and its Sekretariat member, through the real snippet views."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client

from community.members.demo import DEMO_SECRETARIAT
from products.models import ProductPage, ProductRelease

from .test_coordinator_permissions import refused

pytestmark = pytest.mark.django_db

RELEASES = "/admin/snippets/products/productrelease/"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator(demo):
    return logged_in(get_user_model().objects.get(username="tovholder-os2mo"))


@pytest.fixture
def secretary(demo):
    return logged_in(get_user_model().objects.get(email=DEMO_SECRETARIAT[2]))


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


def test_the_demo_products_have_releases_and_the_newest_is_the_latest_version(demo, client):
    os2mo = product("os2mo")
    releases = list(os2mo.releases.all())
    assert len(releases) >= 2
    assert (releases[0].version, releases[0].released_on) == (os2mo.software_version, os2mo.release_date)
    soup = BeautifulSoup(client.get("/produkter/os2mo/").content, "html.parser")
    section = soup.select_one("section.product-releases")
    headings = [h.get_text(" ", strip=True) for h in section.select("h3")]
    assert headings[0].startswith(f"Version {releases[0].version}")
    assert len(headings) == len(releases)


def test_a_coordinator_adds_and_edits_their_products_releases(coordinator, client):
    os2mo = product("os2mo")
    add = coordinator.get(RELEASES + "add/")
    choices = BeautifulSoup(add.content, "html.parser").select("select[name=product] option[value]")
    assert [o.get_text(strip=True) for o in choices if o["value"]] == ["OS2mo"]

    response = coordinator.post(RELEASES + "add/", form(os2mo, version="42.0.0", released_on="2030-01-01"))
    assert response.status_code == 302, errors(response)
    release = ProductRelease.objects.get(product=os2mo, version="42.0.0")
    assert os2mo.latest_version == ("42.0.0", datetime.date(2030, 1, 1))
    facts = BeautifulSoup(client.get("/produkter/os2mo/").content, "html.parser").select_one(".key-facts")
    assert "Seneste version 42.0.0" in facts.get_text(" ", strip=True)

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
