"""Members who follow products, built from factories."""

import itertools

import pytest

from community.models import AffiliationStatus
from tests.factories import OrganisationFactory, member_of

_numbers = itertools.count(1)


@pytest.fixture
def make_member(db):
    """Makes members of three organisations in turn, their affiliation approved unless told otherwise."""
    organisations = [OrganisationFactory() for _ in range(3)]

    def make(status=AffiliationStatus.APPROVED):
        number = next(_numbers)
        return member_of(
            organisations[number % len(organisations)],
            f"foelger{number}@example.dk",
            status=status,
            first_name=f"Følger {number}",
        )

    return make


@pytest.fixture
def member(make_member):
    return make_member()
