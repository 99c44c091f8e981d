"""The lockout holds whatever the client writes in the Host header, and mails link to the public address.

ALLOWED_HOSTS ignores ports, so `Host: os2.test:9` reaches the site like `Host: os2.test`. Failed
logins are counted against the account (its normalised e-mail address), never against a header the
client chooses: an attacker who locked an account cannot log in with the right password by changing the
port, the case of the address or the address they come from. Password-reset and verification mails
build their links from BASE_URL, so a forged Host header cannot send a person's reset key elsewhere."""

import re
import uuid

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.factories import member_of
from tests.markup import parse, text

from .conftest import PASSWORD
from .test_account_rate_limits import LOCKED, a_client, rate_limits_on  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

HOST = "os2.test"


@pytest.fixture
def one_public_host(settings):
    settings.ALLOWED_HOSTS = [HOST]
    settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = f"https://{HOST}"


def test_a_locked_account_stays_locked_on_another_port(ballerup, rate_limits_on, one_public_host):  # noqa: F811
    email = f"port-{uuid.uuid4().hex[:8]}@ballerup.example.dk"
    member_of(ballerup, email)
    client = a_client()
    for _attempt in range(5):
        response = client.post(
            "/konto/login/", {"login": email, "password": "forkert-kode"}, HTTP_HOST=HOST, secure=True
        )
        assert "ikke korrekt" in text(parse(response))

    for host in (f"{HOST}:9", f"{HOST}:443", f"{HOST.upper()}:8000"):
        for login in (email, email.upper(), f" {email} "):
            attacker = a_client()
            response = attacker.post(
                "/konto/login/", {"login": login, "password": PASSWORD}, HTTP_HOST=host, secure=True
            )
            assert response.status_code == 200, (host, login)
            assert LOCKED in text(parse(response))
            assert attacker.get("/min-side/", HTTP_HOST=HOST, secure=True).status_code == 302


def test_a_password_reset_mail_links_to_the_public_address(ballerup, one_public_host, mailoutbox):
    member = member_of(ballerup, f"nulstil-{uuid.uuid4().hex[:8]}@ballerup.example.dk")
    response = Client().post(
        "/konto/password/reset/", {"email": member.email}, HTTP_HOST=f"{HOST}:9", secure=True
    )
    assert response.status_code == 302
    (mail,) = mailoutbox
    links = re.findall(r"https?://\S+", mail.body)
    assert links and all(link.startswith(f"https://{HOST}/") for link in links), mail.body
    assert ":9" not in mail.body


def test_a_verification_mail_links_to_the_public_address(ballerup, one_public_host, mailoutbox, settings):
    from os2site.settings import base

    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS | {"signup": "100/m/ip"}
    client = a_client()
    page = BeautifulSoup(
        client.get("/konto/signup/", HTTP_HOST=f"{HOST}:9", secure=True).content, "html.parser"
    )
    organisation = next(
        option["value"] for option in page.find_all("option") if option.text.startswith("Ballerup")
    )
    response = client.post(
        "/konto/signup/",
        {
            "email": f"ny-{uuid.uuid4().hex[:8]}@ballerup.example.dk",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Nina",
            "last_name": "Ny",
            "job_title": "Konsulent",
            "organisation": organisation,
            "accept_terms": "on",
        },
        HTTP_HOST=f"{HOST}:9",
        secure=True,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    (mail,) = [mail for mail in mailoutbox if "/konto/confirm-email/" in mail.body]
    links = re.findall(r"https?://\S+", mail.body)
    assert links and all(link.startswith(f"https://{HOST}/") for link in links), mail.body
    assert f"{HOST}:9" not in mail.body
