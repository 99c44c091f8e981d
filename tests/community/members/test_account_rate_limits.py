"""Logins, sign-ups and password resets are rate limited by allauth with the site's settings (the test
settings switch the limits off, so these tests switch them back on): five wrong passwords lock the
account's password login for 15 minutes with a Danish message, even for the right password, and the lock
lifts once the window has passed. Counted in the configured cache (Redis in the PostgreSQL runs); each
test uses its own address and account, so earlier runs against the same cache cannot interfere."""

import random
import uuid

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from os2site.settings import base
from tests.factories import member_of
from tests.markup import parse, text

from .conftest import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

LOCKED = "Der er for mange mislykkede logonforsøg. Prøv igen senere."


@pytest.fixture
def rate_limits_on(settings):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS


def a_client():
    """A client from an address of its own, so the per-address limits start from zero."""
    return Client(
        REMOTE_ADDR=f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    )


def test_five_wrong_passwords_lock_the_account_until_the_window_has_passed(ballerup, rate_limits_on):
    email = f"laas-{uuid.uuid4().hex[:8]}@ballerup.example.dk"
    member_of(ballerup, email)
    client = a_client()
    for _attempt in range(5):
        response = client.post("/konto/login/", {"login": email, "password": "forkert-kode"})
        assert response.status_code == 200 and "ikke korrekt" in text(parse(response))

    response = client.post("/konto/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 200
    assert LOCKED in text(parse(response))
    assert client.get("/min-side/").status_code == 302  # not logged in

    # Another address gets no further: the lock is on the account, not only on the address.
    response = a_client().post("/konto/login/", {"login": email, "password": PASSWORD})
    assert LOCKED in text(parse(response))

    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=15, seconds=1)):
        response = client.post("/konto/login/", {"login": email, "password": PASSWORD})
        assert response.status_code == 302
        assert client.get("/min-side/").status_code == 200


def test_a_lock_on_one_account_leaves_others_alone(ballerup, rate_limits_on):
    locked, other = (f"{name}-{uuid.uuid4().hex[:8]}@ballerup.example.dk" for name in ("en", "to"))
    member_of(ballerup, locked)
    member_of(ballerup, other)
    client = a_client()
    for _attempt in range(5):
        client.post("/konto/login/", {"login": locked, "password": "forkert-kode"})
    assert LOCKED in text(parse(client.post("/konto/login/", {"login": locked, "password": PASSWORD})))
    assert client.post("/konto/login/", {"login": other, "password": PASSWORD}).status_code == 302


def test_too_many_signups_from_one_address_get_a_danish_429_page(ballerup, settings):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS | {"signup": "2/m/ip"}
    client = a_client()
    for _attempt in range(2):
        assert client.post("/konto/signup/", {}).status_code == 200  # an empty form, re-rendered
    response = client.post("/konto/signup/", {})
    assert response.status_code == 429
    assert "For mange forsøg på kort tid" in text(parse(response))


def test_too_many_password_resets_for_one_account_are_refused(ballerup, rate_limits_on):
    email = f"nulstil-{uuid.uuid4().hex[:8]}@ballerup.example.dk"
    member_of(ballerup, email)
    client = a_client()
    for _attempt in range(5):
        assert client.post("/konto/password/reset/", {"email": email}).status_code == 302
    response = client.post("/konto/password/reset/", {"email": email})
    assert response.status_code == 429
    assert "For mange forsøg på kort tid" in text(parse(response))
