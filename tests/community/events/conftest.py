"""A small site for the events tests: the events page, two products in the catalogue, a member
organisation with an approved member, and the secretariat; `make_event` publishes events on it."""

import pytest
from django.contrib.auth import get_user_model

from community.models import Affiliation, AffiliationStatus
from home.roles import ensure_secretariat_role
from tests.factories import OrganisationFactory, ProductPageFactory, catalogue, events_page

from ..conftest import publish_event


def person(username, organisation=None, group=None, first_name="", last_name=""):
    """A user: an approved member of `organisation` (with an address there) and in `group`, when given."""
    domain = f"{organisation.slug}.example.dk" if organisation else "os2.example.dk"
    user = get_user_model().objects.create_user(
        username,
        f"{username}@{domain}",
        "pw-123456789",
        first_name=first_name,
        last_name=last_name,
    )
    if organisation:
        Affiliation.objects.create(user=user, organisation=organisation, status=AffiliationStatus.APPROVED)
    if group:
        user.groups.add(group)
    return user


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
        "member": person("mette", syddjurs, first_name="Mette", last_name="Holm"),
        "secretary": person("sekretaer", group=ensure_secretariat_role(), first_name="Anne"),
    }


@pytest.fixture
def make_event(site):
    """Publishes events on the small site (see publish_event)."""
    return publish_event
