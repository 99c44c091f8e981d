"""Logins fail closed when their counters cannot be kept: with the rate limits' store (the default
cache) down, the login page still answers, a login attempt is refused with a Danish "try again" and no
password is checked, while the rest of the site works. The page cache going down changes nothing for
logins (tests/test_cache_outage.py)."""

import uuid

import pytest
from django.test import Client

from os2site.settings import base
from tests.factories import member_of
from tests.markup import parse, text

from .conftest import PASSWORD
from .test_account_rate_limits import a_client, rate_limits_on  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

UNAVAILABLE = "Du kan ikke logge ind lige nu. Prøv igen om lidt."


def test_logins_are_refused_while_the_limits_cannot_be_counted(
    ballerup,
    rate_limits_on,  # noqa: F811
    limits_store_down,
):
    email = f"lukket-{uuid.uuid4().hex[:8]}@ballerup.example.dk"
    member_of(ballerup, email)
    client = a_client()
    assert client.get("/konto/login/").status_code == 200
    assert client.get("/").status_code == 200
    for password in ("forkert-kode", PASSWORD):
        response = client.post("/konto/login/", {"login": email, "password": password})
        assert response.status_code == 503
        page = text(parse(response))
        assert "Prøv igen om lidt" in page and "For mange forsøg" not in page and "ikke korrekt" not in page
    assert client.get("/min-side/").status_code == 302  # not logged in


def test_without_the_per_address_limit_the_login_form_says_to_try_again(
    ballerup,
    settings,
    limits_store_down,
):
    settings.ACCOUNT_RATE_LIMITS = {**base.ACCOUNT_RATE_LIMITS, "login": ""}
    email = f"lukket-{uuid.uuid4().hex[:8]}@ballerup.example.dk"
    member_of(ballerup, email)
    response = a_client().post("/konto/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 200
    assert UNAVAILABLE in text(parse(response))


def test_logins_work_when_the_limits_store_answers(ballerup, rate_limits_on):  # noqa: F811
    email = f"aaben-{uuid.uuid4().hex[:8]}@ballerup.example.dk"
    member_of(ballerup, email)
    response = Client().post("/konto/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302
