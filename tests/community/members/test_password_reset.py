"""A person who forgot their password gets a reset link by mail, sets a new password and logs in with
it; the old one stops working. Unknown addresses are not revealed."""

import re

import pytest
from django.test import Client

from tests.markup import parse, text

from .conftest import PASSWORD, log_in

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

# Mail is written for anywhere: its links name the public address (BASE_URL), not the request's host.
RESET_LINK = r"https://os2\.test(/konto/password/reset/key/[^\s]+/)"
NEW_PASSWORD = "Nyt-kodeord-til-OS2"


def test_password_reset_by_mail(member, mailoutbox):
    client = Client()
    page = text(parse(client.get("/konto/password/reset/")).main)
    assert "nulstil" in page.lower()
    response = client.post("/konto/password/reset/", {"email": member.email})
    assert response.status_code == 302
    (mail,) = mailoutbox
    assert mail.to == [member.email]
    (link,) = re.findall(RESET_LINK, mail.body)

    response = client.get(link)
    assert response.status_code == 302  # allauth moves the key out of the address into the session
    form_url = response["Location"]
    assert client.get(form_url).status_code == 200

    response = client.post(form_url, {"password1": "kort", "password2": "kort"})
    assert response.status_code == 200
    assert "for kort" in text(parse(response).main)

    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    refused = Client().post("/konto/login/", {"login": member.email, "password": PASSWORD})
    assert refused.status_code == 200
    log_in(Client(), member.email, NEW_PASSWORD)


def test_unknown_address_gets_the_same_answer(db, mailoutbox):
    response = Client().post("/konto/password/reset/", {"email": "ukendt@example.dk"})
    assert response.status_code == 302
    assert all("ukendt@example.dk" not in mail.to or "konto" in mail.body for mail in mailoutbox)
