"""Organisers see an event's sign-ups in the admin and export them as CSV with the answers; people
without admin access get neither."""

import csv
import io

from django.contrib.auth import get_user_model

from community.events import registration as event_registration

from ..conftest import LUNCH


def test_admin_lists_and_exports_an_events_registrations(client, make_event):
    event = make_event("Eksportmøde", capacity=1, questions=[LUNCH])
    other = make_event("Andet møde")
    event_registration.register(
        event, name="Anne Jensen", email="anne@example.dk", answers=[{"question": LUNCH[0], "answer": "Ja"}]
    )
    event_registration.register(
        event, name="Bo Hansen", email="bo@example.dk", answers=[{"question": LUNCH[0], "answer": "Nej"}]
    )
    event_registration.register(other, name="Carl Udenfor", email="carl@example.dk")
    admin = get_user_model().objects.create_superuser("chef", "chef@example.dk", "x")
    client.force_login(admin)

    listing = client.get(f"/admin/snippets/community/registration/?event={event.pk}")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Anne Jensen" in html and "Bo Hansen" in html and "Carl Udenfor" not in html

    export = client.get(f"/admin/snippets/community/registration/?event={event.pk}&export=csv")
    assert export.status_code == 200
    content = b"".join(export.streaming_content if export.streaming else [export.content]).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [(row["Navn"], row["E-mail"], row["Status"]) for row in rows] == [
        ("Anne Jensen", "anne@example.dk", "Tilmeldt"),
        ("Bo Hansen", "bo@example.dk", "På venteliste"),
    ]
    assert rows[0]["Svar"] == "Deltager du i frokosten?: Ja"
    assert rows[0]["Arrangement"] == "Eksportmøde"

    # From the page tree straight to the event's sign-ups.
    explorer = client.get(f"/admin/pages/{event.get_parent().pk}/").content.decode()
    assert f"/admin/snippets/community/registration/?event={event.pk}" in explorer


def test_people_without_admin_access_cannot_see_registrations(client, make_event):
    event = make_event()
    event_registration.register(event, name="Anne Jensen", email="anne@example.dk")
    response = client.get("/admin/snippets/community/registration/?export=csv")
    assert response.status_code == 302 and "/admin/login/" in response.url
    user = get_user_model().objects.create_user("almindelig", "a@example.dk", "x")
    client.force_login(user)
    response = client.get("/admin/snippets/community/registration/?export=csv")
    assert response.status_code in (302, 403)
    assert b"anne@example.dk" not in response.content
