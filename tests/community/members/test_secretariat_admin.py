"""The secretariat manages organisations and member accounts in the Wagtail admin under "Medlemmer":
lists with filters, search and export; pending accounts first. Members without admin access cannot
get in, and the history of an organisation shows edits its members made on the site."""

import json

import pytest
from django.contrib.auth.models import Group

from community.members.emails import secretariat_emails
from community.models import AffiliationStatus
from home.models import SiteSettings
from tests.factories import OrganisationFactory, member_of
from tests.markup import hrefs, parse, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

AFFILIATIONS = "/admin/snippets/community/affiliation/"
ORGANISATIONS = "/admin/snippets/community/organisation/"


@pytest.fixture
def accounts(ballerup, aalborg):
    """One approved member and one awaiting approval, and a supplier."""
    member_of(ballerup, "mette.soerensen@ballerup.example.dk", first_name="Mette", last_name="Sørensen")
    member_of(
        aalborg,
        "peter.nielsen@aalborg.example.dk",
        AffiliationStatus.PENDING,
        first_name="Peter",
        last_name="Nielsen",
    )
    OrganisationFactory(name="Magenta ApS", kind="leverandoer")


def strings_in(data):
    """Every string in a JSON document, at any depth."""
    if isinstance(data, str):
        return [data]
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [string for value in values for string in strings_in(value)]


def listing(client, path, query=None):
    response = client.get(path, query or {})
    assert response.status_code == 200
    return text(parse(response).main)


def test_the_members_menu_holds_both_lists(secretariat_client):
    # The admin's menu is drawn by its script from data in the page.
    sidebar = parse(secretariat_client.get("/admin/")).find(id="wagtail-sidebar-props")
    menu = strings_in(json.loads(sidebar.string))
    assert "Medlemmer" in menu
    assert AFFILIATIONS in menu and ORGANISATIONS in menu


def test_affiliation_list_filters_by_status_and_searches(secretariat_client, accounts):
    everyone = listing(secretariat_client, AFFILIATIONS)
    assert "Peter Nielsen" in everyone and "Mette Sørensen" in everyone
    pending = listing(secretariat_client, AFFILIATIONS, {"status": "afventer"})
    assert "Peter Nielsen" in pending
    assert "Mette Sørensen" not in pending
    found = listing(secretariat_client, AFFILIATIONS, {"q": "Sørensen"})
    assert "Mette Sørensen" in found
    assert "Peter Nielsen" not in found


def test_affiliation_list_exports_csv(secretariat_client, accounts):
    response = secretariat_client.get(AFFILIATIONS, {"export": "csv"})
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    )
    assert "mette.soerensen@ballerup.example.dk" in content


def test_organisation_list_filters_by_kind(secretariat_client, accounts):
    assert "Ballerup Kommune" in listing(secretariat_client, ORGANISATIONS)
    suppliers = listing(secretariat_client, ORGANISATIONS, {"kind": "leverandoer"})
    assert "Magenta ApS" in suppliers
    assert "Ballerup Kommune" not in suppliers


def test_members_without_admin_access_cannot_open_the_lists(member_client):
    response = member_client.get(AFFILIATIONS)
    assert response.status_code == 302
    assert member_client.get(ORGANISATIONS).status_code == 302


def test_the_history_shows_a_members_edit(ballerup, member_client, secretariat_client):
    member_client.post(
        f"/medlemmer/{ballerup.slug}/rediger/",
        {
            "description": "Opdateret af Karen.",
            "why_os2": "",
            "website": "",
            "contact_name": "",
            "contact_email": "",
            "contact_phone": "",
        },
    )
    assert "Karen Berg" in listing(secretariat_client, f"{ORGANISATIONS}history/{ballerup.pk}/")


def test_secretariat_mail_goes_to_the_group_or_else_the_site_address(secretariat_member):
    site_settings = SiteSettings.load()
    site_settings.email = "kontakt@os2.example.dk"
    site_settings.save()
    assert secretariat_emails() == [secretariat_member.email]
    Group.objects.get(name="Sekretariat").user_set.clear()
    assert secretariat_emails() == [SiteSettings.load().email]


def test_accounts_are_not_created_by_hand_in_the_admin(secretariat_client):
    # They start at signup, where the person proves their address; not even the secretariat, whose
    # role may change and delete them, can add one.
    assert f"{AFFILIATIONS}add/" not in hrefs(parse(secretariat_client.get(AFFILIATIONS)))
    assert secretariat_client.get(f"{AFFILIATIONS}add/").status_code in (302, 403)


def test_affiliation_list_queries_do_not_grow_with_accounts(
    secretariat_client, accounts, aalborg, django_assert_max_num_queries
):
    secretariat_client.get(AFFILIATIONS)  # warm up session and permission caches
    with django_assert_max_num_queries(40) as before:
        secretariat_client.get(AFFILIATIONS)
    for number in range(10):
        member_of(aalborg, f"person{number}@aalborg.example.dk", status="afventer")
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = secretariat_client.get(AFFILIATIONS)
    assert "person9@aalborg.example.dk" in text(parse(response).main)
