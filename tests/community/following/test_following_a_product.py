"""A logged-in member follows a product from its page (a plain form), choosing mails at once, a daily
digest or none, changes that and stops; visitors are asked to log in; a member whose account is not yet
approved may not follow. Min side lists what the member follows, to change or stop. Following starts no
new page cache generation and renews no page. On a catalogue with OS2mo, built for the test; members
log in through the site's login form."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from community.models import AffiliationStatus, FollowFrequency, ProductFollow
from home.models import SiteSettings
from os2site.page_cache import ACTIVITY_SECONDS, REBUILD_SECONDS
from tests.factories import ProductPageFactory, catalogue, log_in, published

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def os2mo(db):
    """OS2mo, published in the catalogue. The site's settings are saved first, as on any site that has
    been set up: the first page to read them would otherwise save them, and so renew the cached pages."""
    SiteSettings.load()
    return published(ProductPageFactory(parent=catalogue(), title="OS2mo", slug="os2mo"))


def page(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def follow_box(soup):
    return soup.select_one("section#foelg")


def test_a_member_follows_changes_and_stops_on_the_product_page(client, member, os2mo):
    log_in(client, member.email)
    box = follow_box(page(client.get("/produkter/os2mo/")))
    form = box.select_one("form")
    assert form["action"] == f"/foelg/produkt/{os2mo.pk}/"
    legend = box.select_one("legend").get_text(strip=True)
    assert legend == "E-mails om produktet"
    radios = {radio["value"]: radio for radio in form.select("input[type=radio]")}
    assert set(radios) == {"straks", "samlet", "fra"}
    assert "checked" in radios["straks"].attrs
    for radio in radios.values():
        assert box.find("label", attrs={"for": radio["id"]}) is not None

    response = client.post(form["action"], {"frequency": "samlet", "action": "follow"})
    assert response.status_code == 302 and response["Location"] == "/produkter/os2mo/#foelg"
    follow = ProductFollow.objects.get(product=os2mo, user=member)
    assert (follow.frequency, follow.language) == (FollowFrequency.DIGEST, "da")
    soup = page(client.get("/produkter/os2mo/"))
    assert "Du følger OS2mo. E-mails: samlet én gang i døgnet." in soup.get_text(" ")
    assert "Du følger produktet. E-mails: samlet én gang i døgnet." in follow_box(soup).get_text(" ")
    assert "checked" in follow_box(soup).select_one("input[value=samlet]").attrs

    client.post(form["action"], {"frequency": "fra", "action": "follow"})
    assert ProductFollow.objects.get(product=os2mo, user=member).frequency == FollowFrequency.OFF
    client.post(form["action"], {"action": "unfollow"})
    assert not ProductFollow.objects.filter(product=os2mo, user=member).exists()


def test_a_made_up_frequency_gets_a_danish_message_and_changes_nothing(client, member, os2mo):
    log_in(client, member.email)
    client.post(f"/foelg/produkt/{os2mo.pk}/", {"frequency": "straks"})
    response = client.post(f"/foelg/produkt/{os2mo.pk}/", {"frequency": "hver-time"}, follow=True)
    assert "Vælg, hvor ofte du vil have e-mails om produktet." in page(response).get_text(" ")
    assert ProductFollow.objects.get(product=os2mo, user=member).frequency == FollowFrequency.INSTANT


def test_visitors_are_asked_to_log_in_and_pending_members_may_not_follow(client, make_member, os2mo):
    box = follow_box(page(client.get("/produkter/os2mo/")))
    assert box.select_one("form") is None
    assert box.select_one("a")["href"].startswith("/konto/login/?next=/produkter/os2mo/")
    assert client.post(f"/foelg/produkt/{os2mo.pk}/", {"frequency": "straks"}).status_code in {302, 403}
    assert not ProductFollow.objects.filter(product=os2mo).exists()

    pending = make_member(status=AffiliationStatus.PENDING)
    log_in(client, pending.email)
    assert follow_box(page(client.get("/produkter/os2mo/"))).select_one("form") is None
    assert client.post(f"/foelg/produkt/{os2mo.pk}/", {"frequency": "straks"}).status_code == 403
    assert not ProductFollow.objects.filter(product=os2mo).exists()


def test_min_side_lists_the_follows_to_change_or_stop(client, member, os2mo):
    log_in(client, member.email)
    section = page(client.get("/min-side/")).select_one("section[aria-labelledby=follows]")
    assert "Du følger ingen produkter." in section.get_text(" ")

    client.post(f"/foelg/produkt/{os2mo.pk}/", {"frequency": "straks"})
    section = page(client.get("/min-side/")).select_one("section[aria-labelledby=follows]")
    assert [a.get_text(strip=True) for a in section.select("h3 a")] == ["OS2mo"]
    form = section.select_one("form")
    assert form.select_one("input[name=next]")["value"] == "/min-side/"

    response = client.post(form["action"], {"frequency": "samlet", "next": "/min-side/"})
    assert response["Location"] == "/min-side/"
    assert ProductFollow.objects.get(user=member).frequency == FollowFrequency.DIGEST
    # Another site's address is not followed back.
    response = client.post(form["action"], {"frequency": "straks", "next": "https://example.com/"})
    assert response["Location"] == "/produkter/os2mo/#foelg"
    client.post(form["action"], {"action": "unfollow", "next": "/min-side/"})
    assert not ProductFollow.objects.filter(user=member).exists()


def test_following_renews_no_cached_page(member, os2mo):
    visitor = Client()
    paths = ["/produkter/", "/produkter/os2mo/"]
    for path in paths:
        visitor.get(path)
        assert visitor.get(path)["X-Cache"] == "hit", path
    client = Client()
    log_in(client, member.email)
    for _ in range(3):
        assert client.post(f"/foelg/produkt/{os2mo.pk}/", {"frequency": "straks"}).status_code == 302
        assert client.post(f"/foelg/produkt/{os2mo.pk}/", {"action": "unfollow"}).status_code == 302
    later = timezone.now() + datetime.timedelta(seconds=ACTIVITY_SECONDS + REBUILD_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        for path in paths:
            assert visitor.get(path)["X-Cache"] == "hit", path


def test_the_members_data_download_lists_the_products_they_follow(client, member, os2mo):
    log_in(client, member.email)
    client.post(f"/en/foelg/produkt/{os2mo.pk}/", {"frequency": "samlet"})
    data = client.get("/min-side/mine-data/").json()
    assert [(f["produkt"], f["sprog"]) for f in data["følger_produkter"]] == [("OS2mo", "en")]
