"""A small site for the events tests: the events page, two products in the catalogue, a member
organisation with an approved member, and the secretariat; events are published on it by
`make_event`."""

import pytest
from django.contrib.auth import get_user_model

from community.models import EventQuestion, Membership, MembershipStatus
from home.roles import ensure_secretariat_role
from tests.factories import EventPageFactory, OrganisationFactory, ProductPageFactory, catalogue, events_page


def person(username, organisation=None, group=None, first_name="", last_name=""):
    """A user: an approved member of `organisation` and in `group`, when given."""
    user = get_user_model().objects.create_user(
        username,
        f"{username}@syddjurs.example.dk",
        "pw-123456789",
        first_name=first_name,
        last_name=last_name,
    )
    if organisation:
        Membership.objects.create(user=user, organisation=organisation, status=MembershipStatus.APPROVED)
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
    """Publishes an event on the small site; it is a seminar in Aarhus a week from now unless told
    otherwise, open to guests. `questions` are (label, kind, required, choices); `products` are the
    products it is about."""

    def make(title=None, start=None, end=None, questions=(), products=(), **fields):
        fields.setdefault("guests_allowed", True)
        if title:
            fields["title"] = title
        if start:
            fields["start"] = start
        if end:
            fields["end"] = end
        return EventPageFactory(
            related_products=list(products),
            questions=[
                EventQuestion(label=label, kind=kind, required=required, choices=choices, sort_order=order)
                for order, (label, kind, required, choices) in enumerate(questions)
            ],
            **fields,
        )

    return make
