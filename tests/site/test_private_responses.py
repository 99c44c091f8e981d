"""What is rendered for a signed-in member is theirs and is never kept by a shared cache or the browser:
Min side, the personal-data export, an idea attachment and any page rendered with their name in the
menu say `Cache-Control: private, no-store`. Anonymous pages keep being cached as before."""

import pytest
from django.test import Client

from home.models import HomePage
from tests.factories import ContentPageFactory, OrganisationFactory, member_of

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture(autouse=True)
def about_page(db):
    return ContentPageFactory(
        parent=HomePage.objects.get(locale__language_code="da"), title="Om OS2", slug="om-os2"
    )


@pytest.fixture
def member_client(db):
    member = member_of(
        OrganisationFactory(name="Ballerup Kommune", slug="ballerup-kommune"), "privat@ballerup.example.dk"
    )
    client = Client()
    client.force_login(member)
    return client


@pytest.mark.parametrize("path", ["/min-side/", "/min-side/mine-data/", "/", "/medlemmer/ballerup-kommune/"])
def test_pages_for_a_member_are_private_and_not_stored(member_client, path):
    response = member_client.get(path)
    assert response.status_code == 200, path
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives, path


def test_anonymous_pages_are_still_cached(client):
    assert client.get("/om-os2/")["X-Cache"] in {"miss", "hit"}
    assert "no-store" not in client.get("/om-os2/").get("Cache-Control", "")
