"""Min side shows the signed-in person their account, the state of their affiliation and the way to
their organisation; visitors are sent to log in."""

import pytest
from django.test import Client

from community.models import AffiliationStatus
from tests.factories import member_of
from tests.markup import hrefs, landmark, parse, text

from .conftest import log_in

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def test_visitors_are_sent_to_log_in(db):
    response = Client().get("/min-side/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/min-side/"


def test_an_approved_member_sees_their_organisation_and_the_edit_link(ballerup, member_client):
    page = parse(member_client.get("/min-side/")).main
    assert "Karen Berg" in text(page)
    assert "karen.berg@ballerup.example.dk" in text(page)
    assert "Godkendt" in text(page)
    assert f"/medlemmer/{ballerup.slug}/" in hrefs(page)
    assert f"/medlemmer/{ballerup.slug}/rediger/" in hrefs(page)


def test_a_pending_member_is_told_to_wait(ballerup):
    member_of(ballerup, "peter.nielsen@ballerup.example.dk", status=AffiliationStatus.PENDING)
    client = log_in(Client(), "peter.nielsen@ballerup.example.dk")
    page = parse(client.get("/min-side/")).main
    assert "Afventer godkendelse" in text(page)
    assert not any("/rediger/" in href for href in hrefs(page))


def test_account_pages_use_the_site_layout(member_client):
    for url in ("/konto/email/", "/konto/password/change/"):
        document = parse(member_client.get(url))
        # The site's base template: its link past the banner to the page's content.
        assert document.find("a", href="#main-content", string="Gå til sidens indhold")
        assert landmark(document, "Min konto")
