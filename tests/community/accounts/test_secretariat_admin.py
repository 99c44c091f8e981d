"""The secretariat manages organisations and member accounts in the Wagtail admin under "Medlemmer":
lists with filters, search and export; pending accounts first. Members without admin access cannot
get in, and the history of an organisation shows edits its members made on the site."""

from django.contrib.auth.models import Group

from community.members.demo import DEMO_SECRETARIAT
from community.members.emails import secretariat_emails
from home.models import SiteSettings

from .conftest import make_member

AFFILIATIONS = "/admin/snippets/community/affiliation/"
ORGANISATIONS = "/admin/snippets/community/organisation/"


def test_the_members_menu_holds_both_lists(secretariat_client):
    html = secretariat_client.get("/admin/").content.decode()
    assert "Medlemmer" in html
    assert AFFILIATIONS in html and ORGANISATIONS in html


def test_affiliation_list_filters_by_status_and_searches(secretariat_client):
    html = secretariat_client.get(AFFILIATIONS, {"status": "afventer"}).content.decode()
    assert "Peter Nielsen" in html
    assert "Mette Sørensen" not in html
    html = secretariat_client.get(AFFILIATIONS, {"q": "Sørensen"}).content.decode()
    assert "Mette Sørensen" in html
    assert "Peter Nielsen" not in html


def test_affiliation_list_exports_csv(secretariat_client):
    response = secretariat_client.get(AFFILIATIONS, {"export": "csv"})
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    )
    assert "mette.soerensen@ballerup.example.dk" in content


def test_organisation_list_filters_by_kind(secretariat_client):
    html = secretariat_client.get(ORGANISATIONS, {"kind": "leverandoer"}).content.decode()
    assert "Magenta ApS" in html
    assert "Ballerup Kommune" not in html


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
    html = secretariat_client.get(f"{ORGANISATIONS}history/{ballerup.pk}/").content.decode()
    assert "Karen Berg" in html


def test_secretariat_mail_goes_to_the_group_or_else_the_site_address(demo):
    assert secretariat_emails() == [DEMO_SECRETARIAT[2]]
    Group.objects.get(name="Sekretariat").user_set.clear()
    assert secretariat_emails() == [SiteSettings.load().email]


def test_accounts_are_not_created_by_hand_in_the_admin(secretariat_client, admin_client):
    # They start at signup, where the person proves their address.
    assert f'href="{AFFILIATIONS}add/"' not in secretariat_client.get(AFFILIATIONS).content.decode()
    assert admin_client.get(f"{AFFILIATIONS}add/").status_code in (302, 403)


def test_affiliation_list_queries_do_not_grow_with_accounts(
    secretariat_client, aalborg, django_assert_max_num_queries
):
    secretariat_client.get(AFFILIATIONS)  # warm up session and permission caches
    with django_assert_max_num_queries(40) as before:
        secretariat_client.get(AFFILIATIONS)
    for number in range(10):
        make_member(aalborg, f"person{number}@aalborg.example.dk", status="afventer")
    with django_assert_max_num_queries(len(before.captured_queries)):
        html = secretariat_client.get(AFFILIATIONS).content.decode()
    assert "person9@aalborg.example.dk" in html
