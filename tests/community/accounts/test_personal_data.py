"""A member downloads everything the site keeps about them, and deletes their account: after typing
their password the account, sign-ups and follows are gone, a freed seat goes to the waitlist, their ideas
and comments stay but show "Tidligere bruger", the application they sent stays without their contact
details, and their name and address are gone from the organisation's profile and its saved versions."""

import json
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Revision

from community.events import registration as event_registration
from community.ideas import services
from community.models import (
    Idea,
    IdeaState,
    JoinApplication,
    PledgeKind,
    Registration,
    RegistrationStatus,
)

from ..test_joining import PUBLIC_URL, public_data
from .conftest import PASSWORD, log_in, make_member


@pytest.fixture
def person(ballerup):
    email = f"sofie-{uuid.uuid4().hex[:6]}@ballerup.example.dk"
    return make_member(ballerup, email, first_name="Sofie", last_name="Vestergaard")


@pytest.fixture
def footprint(person, ballerup, make_event):
    """The person's traces: an idea, a comment, a pledge, a follow, a sign-up (the event's only seat,
    with someone on the waitlist), a join application and a profile edit naming them as contact."""
    idea = Idea.objects.create(
        title="Fælles tidsbestilling",
        need="Borgerne ringer for at bestille tid.",
        benefit="Færre opkald.",
        organisation=ballerup,
        submitter=person,
    )
    services.submit(idea, person)
    services.change_state(idea, IdeaState.objects.get(slug="aaben-for-opbakning"), None, "Åben.")
    services.add_comment(idea, person, ballerup, "Vi vil gerne være med fra starten.")
    services.add_pledge(idea, person, ballerup, PledgeKind.PILOT, note="Vi stiller en testgruppe.")
    event = make_event(title="OS2-temadag om tidsbestilling", capacity=1)
    own = event_registration.register(event, name="Sofie Vestergaard", email=person.email, user=person)
    waiting = event_registration.register(event, name="Bo Venteliste", email="bo@example.dk")
    Client().post(
        PUBLIC_URL,
        public_data(
            contact_name="Sofie Vestergaard", contact_email=person.email, submission_key=str(uuid.uuid4())
        ),
    )
    client = log_in(Client(), person.email)
    client.post(
        f"/medlemmer/{ballerup.slug}/rediger/",
        {
            "description": ballerup.description or "Ballerup Kommune.",
            "why_os2": ballerup.why_os2,
            "website": "https://www.ballerup.dk",
            "contact_name": "Sofie Vestergaard",
            "contact_email": person.email,
            "contact_phone": "44 77 20 00",
        },
    )
    return {"idea": idea, "event": event, "own": own, "waiting": waiting, "client": client}


def test_a_member_downloads_everything_the_site_keeps_about_them(person, footprint):
    client = footprint["client"]
    assert 'href="/min-side/mine-data/"' in client.get("/min-side/").content.decode()
    response = client.get("/min-side/mine-data/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["konto"]["email"] == person.email and data["konto"]["efternavn"] == "Vestergaard"
    assert data["tilknytning"]["organisation"] == "Ballerup Kommune"
    assert [idea["titel"] for idea in data["idéer"]] == ["Fælles tidsbestilling"]
    assert data["kommentarer"][0]["tekst"] == "Vi vil gerne være med fra starten."
    assert data["tilsagn"][0]["bemærkning"] == "Vi stiller en testgruppe."
    assert data["følger"][0]["idé"] == "Fælles tidsbestilling"
    assert data["tilmeldinger"][0]["arrangement"] == "OS2-temadag om tidsbestilling"
    assert data["medlemsansøgninger"][0]["organisation"] == "Testrup Kommune"
    assert Client().get("/min-side/mine-data/").status_code == 302  # visitors are sent to log in


def test_deleting_needs_the_password_and_explains_what_is_kept(person, footprint):
    client = footprint["client"]
    page = client.get("/min-side/slet-konto/").content.decode()
    assert "Det bliver slettet" in page and "Det gemmer OS2" in page
    response = client.post("/min-side/slet-konto/", {"password": "forkert"})
    assert response.status_code == 200 and "Adgangskoden er ikke korrekt." in response.content.decode()
    assert get_user_model().objects.filter(pk=person.pk).exists()


def test_a_deleted_member_is_gone_and_what_stays_no_longer_names_them(person, ballerup, footprint):
    client, idea, event = footprint["client"], footprint["idea"], footprint["event"]
    assert Revision.objects.filter(content__contact_email=person.email).exists()

    response = client.post("/min-side/slet-konto/", {"password": PASSWORD}, follow=True)
    assert "Din konto er slettet." in response.content.decode()
    assert not get_user_model().objects.filter(pk=person.pk).exists()
    assert client.get("/min-side/").status_code == 302  # logged out
    # Logging in again fails.
    again = Client().post("/konto/login/", {"login": person.email, "password": PASSWORD})
    assert again.status_code == 200

    # The idea and comment stay, without the name.
    html = Client().get(idea.get_absolute_url()).content.decode()
    assert "Vi vil gerne være med fra starten." in html and "Tidligere bruger" in html
    assert "Sofie" not in html and "Vestergaard" not in html

    # The sign-up is gone and the seat went to the waitlist.
    assert not Registration.objects.filter(pk=footprint["own"].pk).exists()
    footprint["waiting"].refresh_from_db()
    assert footprint["waiting"].status == RegistrationStatus.CONFIRMED
    assert "Sofie" not in Client().get(event.url).content.decode()

    # The application stays as a record, without the contact details.
    application = JoinApplication.objects.get(organisation_name="Testrup Kommune")
    assert application.contact_name == "Slettet bruger"
    assert application.contact_email == "" and application.contact_phone == ""

    # The profile and every saved version of it no longer name them.
    ballerup.refresh_from_db()
    assert ballerup.contact_email == "" and ballerup.contact_name == "Slettet bruger"
    profile = Client().get(f"/medlemmer/{ballerup.slug}/").content.decode()
    assert "Vestergaard" not in profile and person.email not in profile
    for revision in Revision.objects.filter(
        object_id=str(ballerup.pk), base_content_type__model="organisation"
    ):
        text = json.dumps(revision.content, ensure_ascii=False)
        assert "Vestergaard" not in text and person.email not in text


def test_accounts_with_admin_access_are_deleted_by_the_secretariat(person):
    person.is_staff = True
    person.save()
    client = log_in(Client(), person.email)
    page = client.get("/min-side/slet-konto/").content.decode()
    assert "Skriv til sekretariatet" in page and 'name="password"' not in page
    client.post("/min-side/slet-konto/", {"password": PASSWORD})
    assert get_user_model().objects.filter(pk=person.pk).exists()
