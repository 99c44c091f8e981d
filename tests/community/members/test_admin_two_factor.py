"""Two-factor authentication for everyone with admin access (allauth's MFA, a code from an authenticator
app): at the first login they must set up the app before the admin opens; later logins ask for the code
after the password, and a wrong code is refused. Members without admin access are not asked. The admin's
own login page hands over to the site's login, so there is no way around it."""

import time

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.utils import timezone

from tests.factories import secretary
from tests.markup import parse, text

from .conftest import PASSWORD, log_in

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

SET_UP_FIRST = "Administrationen kræver totrinsbekræftelse."


@pytest.fixture
def mfa_required(settings):
    settings.ADMIN_MFA_REQUIRED = True


@pytest.fixture
def editor(db):
    """Someone of the secretariat: the role with admin access."""
    return secretary("rita@os2.example.dk", first_name="Rita", last_name="Redaktør")


def code_for(secret, at=None):
    """The six digits an authenticator app shows for the secret at the given time (now by default)."""
    return format_hotp_value(hotp_value(secret, int(at or time.time()) // 30))


def set_up_authenticator(client):
    """Goes through the setup page as a person would and returns the secret shown there."""
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/konto/2fa/totp/activate/")
    page = parse(response)
    assert SET_UP_FIRST in text(page)
    secret = page.find(id="authenticator_secret")["value"]
    response = client.post("/konto/2fa/totp/activate/", {"code": code_for(secret)})
    assert response.status_code == 302
    return secret


def test_admin_login_page_hands_over_to_the_site_login(db, mfa_required):
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/konto/login/?next=/admin/"


def test_an_editor_without_an_authenticator_sets_one_up_before_the_admin_opens(editor, mfa_required):
    client = log_in(Client(), editor.email)
    # A wrong code does not activate anything and the admin stays shut.
    client.get("/admin/", follow=True)
    response = client.post("/konto/2fa/totp/activate/", {"code": "000000"})
    assert response.status_code == 200 and "Forkert kode" in text(parse(response))
    assert client.get("/admin/").status_code == 302

    secret = set_up_authenticator(client)
    # The code is asked for once more in this session (a code is accepted only once, so a later one).
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=30)):
        response = client.get("/admin/", follow=True)
        assert response.redirect_chain[-1][0].startswith("/konto/2fa/reauthenticate/")
        response = client.post(
            "/konto/2fa/reauthenticate/?next=/admin/", {"code": code_for(secret)}, follow=True
        )
        assert response.redirect_chain[-1][0] == "/admin/"
        assert response.status_code == 200


def test_an_editor_with_an_authenticator_gives_the_code_after_the_password(editor, mfa_required):
    secret = set_up_authenticator(log_in(Client(), editor.email))

    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=30)):
        client = Client()
        response = client.post("/konto/login/?next=/admin/", {"login": editor.email, "password": PASSWORD})
        assert response.status_code == 302 and response["Location"].startswith("/konto/2fa/authenticate/")
        response = client.post(response["Location"], {"code": "123456"})
        assert response.status_code == 200 and "Forkert kode" in text(parse(response))
        assert client.get("/admin/").status_code == 302  # still not in

        response = client.post("/konto/2fa/authenticate/", {"code": code_for(secret)})
        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200


def test_a_session_without_the_code_does_not_open_the_admin(editor, mfa_required):
    client = Client()
    client.force_login(editor)  # a session that never saw the code
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/2fa/totp/activate/")


def test_members_without_admin_access_are_not_asked_for_a_code(member, mfa_required):
    client = log_in(Client(), member.email)
    response = client.get("/min-side/")
    assert response.status_code == 200 and SET_UP_FIRST not in text(parse(response))
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/min-side/"  # refused as before, not sent to set up 2FA
