"""A member downloads everything the site keeps about them, and deletes their account: after typing
their password the account, sign-ups and follows are gone, a freed seat goes to the waitlist, their ideas
and comments stay but show "Tidligere bruger", the application they sent stays without their contact
details, and their name and address are gone from the organisation's profile and its saved versions.
On a small site built for the test: the events and join pages, and the two states an idea passes
through to be open for support."""

import json
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Revision

from community.events import registration as event_registration
from community.ideas import services
from community.models import (
    EventIndexPage,
    JoinApplication,
    PledgeKind,
    Registration,
    RegistrationStatus,
)
from tests.factories import (
    EventPageFactory,
    JoinPageFactory,
    events_page,
    idea_states,
    member_of,
    opened_for_support,
    submitted_idea,
)
from tests.markup import hrefs, parse, text

from ..joining.test_applications import PUBLIC_URL, public_data
from .conftest import PASSWORD, log_in

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture(autouse=True)
def site(db):
    events_page()
    JoinPageFactory()
    idea_states()


def make_event(title, capacity):
    """An event guests may sign up for, under the events page."""
    return EventPageFactory(
        parent=EventIndexPage.in_default_language(),
        title=title,
        slug=title.lower().replace(" ", "-"),
        guests_allowed=True,
        capacity=capacity,
    )


@pytest.fixture
def person(ballerup):
    email = f"sofie-{uuid.uuid4().hex[:6]}@ballerup.example.dk"
    return member_of(ballerup, email, first_name="Sofie", last_name="Vestergaard")


@pytest.fixture
def footprint(person, ballerup):
    """The person's traces: an idea, a comment, a pledge, a follow, a sign-up (the event's only seat,
    with someone on the waitlist), a join application and a profile edit naming them as contact."""
    idea = submitted_idea(
        person, "Fælles tidsbestilling", need="Borgerne ringer for at bestille tid.", benefit="Færre opkald."
    )
    opened_for_support(idea, "Åben.")
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
    assert "/min-side/mine-data/" in hrefs(parse(client.get("/min-side/")).main)
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
    page = text(parse(client.get("/min-side/slet-konto/")).main)
    assert "Det bliver slettet" in page and "Det gemmer OS2" in page
    response = client.post("/min-side/slet-konto/", {"password": "forkert"})
    assert response.status_code == 200 and "Adgangskoden er ikke korrekt." in text(parse(response).main)
    assert get_user_model().objects.filter(pk=person.pk).exists()


def test_a_deleted_member_is_gone_and_what_stays_no_longer_names_them(person, ballerup, footprint):
    client, idea, event = footprint["client"], footprint["idea"], footprint["event"]
    assert Revision.objects.filter(content__contact_email=person.email).exists()

    response = client.post("/min-side/slet-konto/", {"password": PASSWORD}, follow=True)
    assert "Din konto er slettet." in text(parse(response))
    assert not get_user_model().objects.filter(pk=person.pk).exists()
    assert client.get("/min-side/").status_code == 302  # logged out
    # Logging in again fails.
    again = Client().post("/konto/login/", {"login": person.email, "password": PASSWORD})
    assert again.status_code == 200

    # The idea and comment stay, without the name.
    idea_page = text(parse(Client().get(idea.get_absolute_url())))
    assert "Vi vil gerne være med fra starten." in idea_page and "Tidligere bruger" in idea_page
    assert "Sofie" not in idea_page and "Vestergaard" not in idea_page

    # The sign-up is gone and the seat went to the waitlist.
    assert not Registration.objects.filter(pk=footprint["own"].pk).exists()
    footprint["waiting"].refresh_from_db()
    assert footprint["waiting"].status == RegistrationStatus.CONFIRMED
    assert "Sofie" not in text(parse(Client().get(event.url)))

    # The application stays as a record, without the contact details.
    application = JoinApplication.objects.get(organisation_name="Testrup Kommune")
    assert application.contact_name == "Slettet bruger"
    assert application.contact_email == "" and application.contact_phone == ""

    # The profile and every saved version of it no longer name them.
    ballerup.refresh_from_db()
    assert ballerup.contact_email == "" and ballerup.contact_name == "Slettet bruger"
    profile = parse(Client().get(f"/medlemmer/{ballerup.slug}/"))
    assert "Vestergaard" not in text(profile) and person.email not in text(profile)
    assert f"mailto:{person.email}" not in hrefs(profile)
    for revision in Revision.objects.filter(
        object_id=str(ballerup.pk), base_content_type__model="organisation"
    ):
        saved = json.dumps(revision.content, ensure_ascii=False)
        assert "Vestergaard" not in saved and person.email not in saved


def test_accounts_with_admin_access_are_deleted_by_the_secretariat(person):
    person.is_staff = True
    person.save()
    client = log_in(Client(), person.email)
    page = parse(client.get("/min-side/slet-konto/")).main
    assert "Skriv til sekretariatet" in text(page) and page.find(attrs={"name": "password"}) is None
    client.post("/min-side/slet-konto/", {"password": PASSWORD})
    assert get_user_model().objects.filter(pk=person.pk).exists()
