"""Min side shows the signed-in person their account, the state of their affiliation and the way to
their organisation; visitors are sent to log in."""

from django.test import Client

from community.members.demo import DEMO_MEMBERS, DEMO_PASSWORD

from .conftest import log_in


def test_visitors_are_sent_to_log_in(demo):
    response = Client().get("/min-side/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/min-side/"


def test_an_approved_member_sees_their_organisation_and_the_edit_link(ballerup, member_client):
    html = member_client.get("/min-side/").content.decode()
    assert "Karen Berg" in html
    assert "karen.berg@ballerup.example.dk" in html
    assert "Godkendt" in html
    assert f'href="/medlemmer/{ballerup.slug}/"' in html
    assert f'href="/medlemmer/{ballerup.slug}/rediger/"' in html


def test_a_pending_demo_member_is_told_to_wait(demo):
    pending = next(row for row in DEMO_MEMBERS if row[5] == "afventer")
    client = log_in(Client(), pending[2], DEMO_PASSWORD)
    html = client.get("/min-side/").content.decode()
    assert "Afventer godkendelse" in html
    assert "/rediger/" not in html


def test_account_pages_use_the_site_layout(member_client):
    for url in ("/konto/email/", "/konto/password/change/"):
        html = member_client.get(url).content.decode()
        assert 'class="skipnav"' in html  # the site's base template
        assert 'aria-label="Min konto"' in html
