"""Members of demo organisations who follow products, and the demo's products."""

import itertools

import pytest
from django.contrib.auth import get_user_model

from community.models import Affiliation, AffiliationStatus, Organisation
from products.models import ProductPage

_numbers = itertools.count(1)


@pytest.fixture
def make_member(demo):
    organisations = list(Organisation.objects.public_members().order_by("name")[:3])

    def make(status=AffiliationStatus.APPROVED):
        number = next(_numbers)
        user = get_user_model().objects.create_user(
            f"foelger{number}", f"foelger{number}@example.dk", "pw-123456789", first_name=f"Følger {number}"
        )
        Affiliation.objects.create(
            user=user, organisation=organisations[number % len(organisations)], status=status
        )
        return user

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
