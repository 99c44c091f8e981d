"""Members who follow products, built from factories; the product mails' tests read the demo's products
and its secretariat."""

import itertools

import pytest
from django.contrib.auth import get_user_model

from community.models import AffiliationStatus
from products.models import ProductPage
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


@pytest.fixture
def os2mo(demo):
    return ProductPage.objects.get(slug="os2mo")


@pytest.fixture
def kitos(demo):
    return ProductPage.objects.get(slug="os2kitos")


@pytest.fixture
def secretary_client(demo):
    from django.test import Client

    from community.members.demo import DEMO_SECRETARIAT

    client = Client()
    client.force_login(get_user_model().objects.get(email=DEMO_SECRETARIAT[2]))
    return client
