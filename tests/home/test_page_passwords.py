"""A password-protected page's password cannot be guessed without limit: five tries per client and page
in a quarter of an hour, then a Danish "too many tries" (429), even for the right password; another client
still gets in. While the limits cannot be counted, no password is checked (503)."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from home.models import HomePage
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.factories

PASSWORD = "kun-for-styregruppen"


@pytest.fixture
def protected(db):
    page = ContentPageFactory(
        parent=HomePage.objects.get(locale__language_code="da"), title="Om OS2", slug="om-os2"
    )
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


def guess(client, url, page, password):
    return client.post(url, {"password": password, "return_url": page.url})


def test_guesses_are_limited_per_client(protected):
    page, url = protected
    attacker = Client(REMOTE_ADDR="10.9.8.7")
    assert attacker.get(page.url).status_code == 200  # the password form
    for _attempt in range(5):
        response = guess(attacker, url, page, "forkert")
        assert response.status_code == 200
    response = guess(attacker, url, page, PASSWORD)
    assert response.status_code == 429 and "For mange forsøg" in response.content.decode()
    assert 'name="password"' in attacker.get(page.url).content.decode()  # still the form, not the page

    visitor = Client(REMOTE_ADDR="10.9.8.6")
    response = guess(visitor, url, page, PASSWORD)
    assert response.status_code == 302 and response["Location"] == page.url


def test_no_password_is_checked_while_the_limits_cannot_be_counted(protected, limits_store_down):
    page, url = protected
    response = guess(Client(), url, page, PASSWORD)
    assert response.status_code == 503 and "Prøv igen om lidt" in response.content.decode()
