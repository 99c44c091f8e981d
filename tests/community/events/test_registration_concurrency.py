"""The last seat goes to exactly one person, however many sign up at the same moment: the others are
put on the waitlist, never double-booked.

On PostgreSQL (DATABASE_URL, as in CI's second run) the sign-ups run in parallel threads, each with
its own database connection, released together by a barrier, so the row lock is what decides. SQLite
serialises writers by itself and has no row locks, so there the same sign-ups run one after the other
and the test asserts the serialised result.

The test commits, so it empties the database after itself: it runs after the other tests built from
factories (see tests/conftest.py)."""

import threading

import pytest
from django.db import connection, connections

from community.events import registration as event_registration
from community.models import Registration, RegistrationStatus

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.factories]
PEOPLE = 8


def test_concurrent_registrations_for_the_last_seat(make_event):
    event = make_event(capacity=3)
    event_registration.register(event, name="Først", email="foerst@example.dk")
    event_registration.register(event, name="Anden", email="anden@example.dk")
    parallel = connection.vendor == "postgresql"
    barrier = threading.Barrier(PEOPLE if parallel else 1)
    errors = []

    def take_seat(number):
        try:
            barrier.wait(timeout=30)
            event_registration.register(event, name=f"Person {number}", email=f"person{number}@example.dk")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take_seat, args=(number,)) for number in range(PEOPLE)]
    for thread in threads:
        thread.start()
        if not parallel:
            thread.join()
    for thread in threads:
        thread.join()

    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 3
    assert statuses.count(RegistrationStatus.WAITLIST) == PEOPLE - 1
    assert event.seats_left() == 0
