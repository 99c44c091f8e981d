"""The secretariat sees an event's registrations in the admin and exports them as CSV with the
answers; people without admin access (a visitor, a member) get neither."""

import csv
import io

import pytest

from community.events import registration as event_registration
from tests.markup import hrefs, parse, text

from ..conftest import LUNCH

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def test_admin_lists_and_exports_an_events_registrations(client, site, make_event):
    event = make_event("Eksportmøde", capacity=1, questions=[LUNCH])
    other = make_event("Andet møde")
    event_registration.register(
        event, name="Anne Jensen", email="anne@example.dk", answers=[{"question": LUNCH[0], "answer": "Ja"}]
    )
    event_registration.register(
        event, name="Bo Hansen", email="bo@example.dk", answers=[{"question": LUNCH[0], "answer": "Nej"}]
    )
    event_registration.register(other, name="Carl Udenfor", email="carl@example.dk")
    client.force_login(site["secretary"])

    listing = client.get(f"/admin/snippets/community/registration/?event={event.pk}")
    assert listing.status_code == 200
    listed = text(parse(listing).main)
    assert "Anne Jensen" in listed and "Bo Hansen" in listed and "Carl Udenfor" not in listed

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
    explorer = parse(client.get(f"/admin/pages/{event.get_parent().pk}/"))
    assert f"/admin/snippets/community/registration/?event={event.pk}" in hrefs(explorer)


def test_people_without_admin_access_cannot_see_registrations(client, site, make_event):
    event = make_event()
    event_registration.register(event, name="Anne Jensen", email="anne@example.dk")
    response = client.get("/admin/snippets/community/registration/?export=csv")
    assert response.status_code == 302 and "/admin/login/" in response.url
    client.force_login(site["member"])  # an approved member, with no admin role
    response = client.get("/admin/snippets/community/registration/?export=csv")
    assert response.status_code in (302, 403)
    assert b"anne@example.dk" not in response.content
