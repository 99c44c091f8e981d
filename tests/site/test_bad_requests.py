"""Input Django cannot read answers 400 with a Danish page, never 500: a form that names another charset
than UTF-8 (with a CSRF cookie of the client's own making, so the CSRF check reads it), and an
invitation address with a NUL byte (which PostgreSQL refuses in a query)."""

import pytest
from django.test import Client

from community.joining.pages import JoinPage
from home.models import HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

BODY = b"login=a%40example.dk&password=x&csrfmiddlewaretoken=" + b"a" * 32


@pytest.fixture
def join_page(db):
    """The become-a-member page, whose application forms are among those posted to."""
    home = HomePage.objects.get(locale__language_code="da")
    page = home.add_child(instance=JoinPage(title="Bliv medlem", slug="bliv-medlem"))
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("path", ["/konto/login/", "/ideer/1/kommenter/", "/bliv-medlem/ansoeg/offentlig/"])
@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=utf-16",
        "application/x-www-form-urlencoded; charset=latin-1",
    ],
)
def test_a_form_in_another_charset_is_a_bad_request(join_page, path, content_type):
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    response = client.generic("POST", path, BODY, content_type=content_type)
    assert response.status_code == 400
    assert "kunne ikke læses" in response.content.decode()


@pytest.mark.parametrize("token", ["%00", "abc%00def", "%C3%A6%C3%B8", "a b"])
def test_an_invitation_address_with_odd_characters_is_a_bad_request(client, db, token):
    response = client.get(f"/medlemmer/invitation/{token}/")
    assert response.status_code == 400
    assert "kunne ikke læses" in response.content.decode()
