"""Registering for an event: a seat or the waitlist, answers kept, a confirmation e-mail with the
calendar file, personal links that cannot be guessed for seeing and cancelling, the waitlist moving up
with an e-mail when someone cancels, members-only events, and bad input answered in Danish."""

import datetime
import re

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from community.events import registration as event_registration
from community.models import Registration, RegistrationStatus
from tests.markup import definitions, parse, text

from ..conftest import LUNCH, ORGANISATION, TRACK

# Depends on the day it runs: .ci/run runs it on the calendar's edge days too.
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.calendar]


def sign_up(client, event, name="Anne Jensen", email="anne@example.dk", **answers):
    data = {"name": name, "email": email}
    for question in event.questions.all():
        key = f"question_{question.pk}"
        if question.label in answers:
            data[key] = answers[question.label]
    return client.post(event.url, data)


def main_text(client, url):
    return text(parse(client.get(url)).main)


def seats(client, event):
    return text(definitions(parse(client.get(event.url)).main)["Pladser"])


def email_field(page):
    return page.main.find("input", attrs={"name": "email"})


def manage_link(message):
    return re.search(r"https://os2.test(/arrangementer/\S+/tilmelding/\S+/)", message.body).group(1)


def test_guest_signs_up_answers_questions_and_gets_confirmation_with_calendar_file(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(title="OS2mo-dag", capacity=10, questions=[ORGANISATION, LUNCH])
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(
            client, event, **{"Organisation": "Syddjurs Kommune", "Deltager du i frokosten?": "Ja"}
        )
    registration = Registration.objects.get(event=event)
    assert response.status_code == 302 and response.url == registration.manage_path()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.answers == [
        {"question": "Organisation", "answer": "Syddjurs Kommune"},
        {"question": "Deltager du i frokosten?", "answer": "Ja"},
    ]
    page = main_text(client, response.url)
    assert "Anne Jensen er tilmeldt" in page and "Syddjurs Kommune" in page

    [message] = mail.outbox
    assert message.to == ["anne@example.dk"]
    assert message.subject == "OS2: Du er tilmeldt: OS2mo-dag"
    assert manage_link(message) == registration.manage_path()
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "OS2mo-dag"
    assert vevent.decoded("dtstart") == event.start

    assert seats(client, event) == "9 af 10 pladser tilbage"


def test_full_event_puts_people_on_the_waitlist_in_order(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, event, email="first@example.dk")
        sign_up(client, event, email="second@example.dk")
        response = sign_up(client, event, email="third@example.dk")
    statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert statuses == {
        "first@example.dk": "confirmed",
        "second@example.dk": "waitlist",
        "third@example.dk": "waitlist",
    }
    assert "ventelisten som nummer 2" in main_text(client, response.url)
    assert [m.subject.split(": ")[1] for m in mail.outbox] == [
        "Du er tilmeldt",
        "Du er på venteliste",
        "Du er på venteliste",
    ]
    assert not mail.outbox[1].attachments
    assert seats(client, event) == "0 af 1 pladser tilbage – tilmeld dig ventelisten"
    # The event page links to the form, and both say the sign-up puts one on the waitlist.
    link = parse(client.get(event.url)).main.find("a", href=f"{event.url}tilmeld/#tilmelding")
    assert text(link) == "Skriv mig på ventelisten"
    form = parse(client.get(f"{event.url}tilmeld/")).main.find("form", action=f"{event.url}#tilmelding")
    assert text(form.find("button", type="submit")) == "Skriv mig på ventelisten"


def test_cancelling_moves_the_first_on_the_waitlist_up_with_an_email(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(title="Workshop", capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, event, email="first@example.dk")
        sign_up(client, event, email="second@example.dk")
        sign_up(client, event, email="third@example.dk")
    first = Registration.objects.get(email="first@example.dk")
    mail.outbox.clear()

    # Opening the link (as mail scanners do) cancels nothing; the button does.
    assert client.get(first.manage_path()).status_code == 200
    first.refresh_from_db()
    assert first.is_confirmed
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(first.manage_path(), {"action": "afmeld"})
    assert response.status_code == 302
    assert "Du er nu afmeldt" in main_text(client, response.url)

    statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert statuses["first@example.dk"] == "cancelled"
    assert statuses["second@example.dk"] == "confirmed"
    assert statuses["third@example.dk"] == "waitlist"
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        "first@example.dk": "OS2: Din afmelding er modtaget: Workshop",
        "second@example.dk": "OS2: Du har fået en plads: Workshop",
    }
    promoted = next(m for m in mail.outbox if m.to == ["second@example.dk"])
    assert promoted.attachments and "ventelisten" not in promoted.body

    # Cancelling twice changes nothing and promotes nobody else.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(first.manage_path(), {"action": "afmeld"})
    assert Registration.objects.get(email="third@example.dk").is_waitlisted
    # The one who cancelled may sign up again: the seat is taken, so the waitlist.
    sign_up(client, event, email="first@example.dk")
    assert Registration.objects.filter(email="first@example.dk", status="waitlist").exists()


def test_more_seats_move_the_waitlist_up(make_event, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    for number in range(3):
        event_registration.register(event, name=f"Person {number}", email=f"p{number}@example.dk")
    event.capacity = 2
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    statuses = dict(event.registrations.values_list("email", "status"))
    assert statuses == {
        "p0@example.dk": "confirmed",
        "p1@example.dk": "confirmed",
        "p2@example.dk": "waitlist",
    }
    assert [m.to for m in mail.outbox] == [["p1@example.dk"]]


def test_registration_links_cannot_be_guessed(client, make_event):
    event = make_event()
    other = make_event()
    registrations = [
        event_registration.register(event, name="A", email=f"a{n}@example.dk") for n in range(20)
    ]
    tokens = {r.token for r in registrations}
    assert len(tokens) == 20 and all(len(token) >= 40 for token in tokens)
    registration = registrations[0]
    assert client.get(registration.manage_path()).status_code == 200
    assert client.get(f"{event.url}tilmelding/{registration.pk}/").status_code == 404
    assert client.get(f"{event.url}tilmelding/{registration.token[:-1]}x/").status_code == 404
    # A real token only works on its own event.
    assert client.get(f"{other.url}tilmelding/{registration.token}/").status_code == 404
    assert (
        client.post(f"{other.url}tilmelding/{registration.token}/", {"action": "afmeld"}).status_code == 404
    )
    registration.refresh_from_db()
    assert registration.is_confirmed


def test_same_email_cannot_sign_up_twice(client, make_event):
    event = make_event()
    sign_up(client, event, email="Anne@Example.dk")
    response = sign_up(client, event, email="anne@example.dk ")
    assert response.status_code == 200
    assert "Der er allerede en tilmelding med denne e-mailadresse" in response.content.decode()
    assert Registration.objects.filter(event=event).count() == 1


def test_members_only_event_asks_guests_to_log_in_and_links_the_registration_to_the_account(
    client, site, make_event
):
    event = make_event(guests_allowed=False)
    page = parse(client.get(event.url))
    assert "Tilmelding kræver, at du er logget ind som medlem" in text(page.main)
    assert email_field(page) is None
    client.post(event.url, {"name": "Udefra", "email": "x@example.dk"})
    assert not Registration.objects.filter(event=event).exists()

    user = site["member"]  # an approved member of Syddjurs Kommune
    client.force_login(user)
    page = parse(client.get(event.url))
    assert "Du tilmelder dig som Mette Holm (mette@syddjurs-kommune.example.dk)" in text(page.main)
    assert email_field(page) is None
    # Posted name and address are ignored: they come from the account.
    client.post(event.url, {"name": "Nogen Anden", "email": "other@example.dk"})
    registration = Registration.objects.get(event=event)
    assert (registration.user, registration.name, registration.email) == (
        user,
        "Mette Holm",
        "mette@syddjurs-kommune.example.dk",
    )
    assert "Du er tilmeldt." in main_text(client, event.url)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (
            {"registration_deadline": timezone.now() - datetime.timedelta(hours=1)},
            "Tilmeldingsfristen er overskredet",
        ),
        ({"cancelled": True}, "Arrangementet er aflyst"),
        ({"registration_open": False}, None),
        (
            {
                "start": timezone.now() - datetime.timedelta(minutes=5),
                "end": timezone.now() + datetime.timedelta(hours=1),
            },
            "Arrangementet er begyndt",
        ),
    ],
)
def test_closed_registration_says_why_and_accepts_nothing(client, make_event, fields, reason):
    event = make_event(**fields)
    page = parse(client.get(event.url))
    assert email_field(page) is None
    if reason:
        assert reason in text(page.main)
    response = sign_up(client, event)
    assert response.status_code == 200
    assert not Registration.objects.filter(event=event).exists()
    with pytest.raises(event_registration.RegistrationError):
        event_registration.register(event, name="A", email="a@example.dk")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "email": "anne@example.dk"}, "Dette felt er påkrævet"),
        ({"name": "Anne", "email": "ikke-en-adresse"}, "Indtast en gyldig e-mail-adresse"),
        ({"name": "A" * 201, "email": "anne@example.dk"}, "højst have 200 tegn"),
        ({"name": "Anne", "email": "anne@example.dk", "q_lunch": "Måske"}, "Marker en gyldig valgmulighed"),
        (
            {"name": "Anne", "email": "anne@example.dk", "q_lunch": "Ja", "q_track": "Ukendt"},
            "Marker en gyldig valgmulighed",
        ),
        ({"name": "Anne", "email": "anne@example.dk"}, "Dette felt er påkrævet"),
    ],
)
def test_bad_input_rerenders_in_danish_and_keeps_the_input(client, make_event, data, message):
    event = make_event(questions=[LUNCH, TRACK])
    lunch, track = event.questions.all()
    post = {"name": data["name"], "email": data["email"]}
    if "q_lunch" in data:
        post[f"question_{lunch.pk}"] = data["q_lunch"]
    if "q_track" in data:
        post[f"question_{track.pk}"] = data["q_track"]
    response = client.post(event.url, post)
    assert response.status_code == 200
    page = parse(response)
    assert "Der er fejl i formularen" in text(page.main) and message in text(page.main)
    assert email_field(page)["value"] == data["email"]
    assert page.main.find("input", attrs={"name": "name"}).get("value", "") == data["name"]
    assert not Registration.objects.filter(event=event).exists()


def test_user_text_is_escaped_everywhere(client, make_event, django_capture_on_commit_callbacks):
    event = make_event(questions=[ORGANISATION])
    evil = "<script>alert(1)</script>"
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, event, name=evil, **{"Organisation": evil})
    html = client.get(response.url).content.decode()
    assert evil not in html  # never as markup, anywhere
    page = parse(html)
    assert text(page.main).count(evil) == 2  # shown as the text it is: the name and the answer
    assert not any("alert(1)" in script.get_text() for script in page.find_all("script"))
    # Control characters are removed, so they cannot reach e-mail headers.
    sign_up(client, event, name="Bo\x00b\x1b", email="bob@example.dk", **{"Organisation": "KL"})
    assert Registration.objects.get(email="bob@example.dk").name == "Bob"


def test_cancelling_the_event_tells_everyone_signed_up_once(make_event, django_capture_on_commit_callbacks):
    event = make_event(title="Seminar", capacity=1, online_url="https://meet.example.org/x")
    event_registration.register(event, name="A", email="a@example.dk")
    event_registration.register(event, name="B", email="b@example.dk")
    gone = event_registration.register(event, name="C", email="c@example.dk")
    event_registration.cancel(gone)
    mail.outbox.clear()
    event.cancelled = True
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.dk", "b@example.dk"]
    assert all(m.subject == "OS2: Aflyst: Seminar" and "aflyst" in m.body for m in mail.outbox)
    assert all("meet.example.org" not in m.body and not m.attachments for m in mail.outbox)
    assert not event.registrations.active().exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert mail.outbox == []
