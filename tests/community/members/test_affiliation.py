"""Only an approved affiliation lets a person act for an organisation."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from community.models import Affiliation, AffiliationStatus, approved_organisation
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.mark.parametrize(
    ("status", "acts_for_organisation"),
    [
        (AffiliationStatus.PENDING, False),
        (AffiliationStatus.APPROVED, True),
        (AffiliationStatus.REJECTED, False),
    ],
)
def test_approved_organisation(db, status, acts_for_organisation):
    organisation = OrganisationFactory(name="Aarhus Kommune")
    user = get_user_model().objects.create_user("medlem", "medlem@example.dk", "pw-123456789")
    Affiliation.objects.create(user=user, organisation=organisation, status=status)
    user.refresh_from_db()
    assert approved_organisation(user) == (organisation if acts_for_organisation else None)


def test_anonymous_and_users_without_affiliation_act_for_nobody(db):
    assert approved_organisation(AnonymousUser()) is None
    user = get_user_model().objects.create_user("gæst", "gaest@example.dk", "pw-123456789")
    assert approved_organisation(user) is None
