"""A small site for the events tests: the events page, two products in the catalogue, a member
organisation with an approved member, and the secretariat; `make_event` publishes events on it."""

import pytest

from home.roles import ensure_secretariat_role
from tests.factories import OrganisationFactory, ProductPageFactory, catalogue, events_page, person

from ..conftest import publish_event


@pytest.fixture
def site(db):
    index = catalogue()
    events = events_page()
    syddjurs = OrganisationFactory(name="Syddjurs Kommune")
    return {
        "events": events,
        "alfa": ProductPageFactory(parent=index, title="OS2alfa", slug="os2alfa"),
        "beta": ProductPageFactory(parent=index, title="OS2beta", slug="os2beta"),
        "syddjurs": syddjurs,
        "member": person(
            "mette", syddjurs, domain="syddjurs-kommune.example.dk", first_name="Mette", last_name="Holm"
        ),
        "secretary": person(
            "sekretaer", group=ensure_secretariat_role(), domain="os2.example.dk", first_name="Anne"
        ),
    }


@pytest.fixture
def make_event(site):
    """Publishes events on the small site (see publish_event)."""
    return publish_event
