"""The demo shows joining a product in every state, and each municipality's size band comes from
Danmarks Statistik's population figures kept beside the list of municipalities."""

import csv

import pytest

from community.members.demo import MUNICIPALITIES_CSV, POPULATION_CSV, populations
from community.models import Organisation, OrganisationKind
from products.models import JoiningAgreement, JoinRequest, JoinState, MunicipalitySize

pytestmark = [pytest.mark.django_db]


def test_the_population_file_names_its_source_and_has_every_municipality():
    head = POPULATION_CSV.read_text(encoding="utf-8").splitlines()[:3]
    assert any("Danmarks Statistik" in line and "FOLK1A" in line for line in head)
    assert any("2024" in line for line in head)
    with open(MUNICIPALITIES_CSV, encoding="utf-8") as file:
        names = {row["name"] for row in csv.DictReader(file)}
    assert set(populations()) == names and len(names) == 98


@pytest.mark.parametrize(
    ("population", "band"),
    [
        (1_757, MunicipalitySize.UNDER_25K),
        (24_999, MunicipalitySize.UNDER_25K),
        (25_000, MunicipalitySize.FROM_25K),
        (59_999, MunicipalitySize.FROM_25K),
        (60_000, MunicipalitySize.FROM_60K),
        (120_000, MunicipalitySize.OVER_120K),
    ],
)
def test_a_population_falls_in_one_band(population, band):
    assert MunicipalitySize.for_population(population) == band


def test_every_demo_municipality_has_the_band_of_its_population(demo):
    municipalities = Organisation.objects.filter(kind=OrganisationKind.KOMMUNE)
    assert not municipalities.filter(municipality_size="").exists()
    bands = dict(municipalities.values_list("slug", "municipality_size"))
    assert bands["ballerup-kommune"] == MunicipalitySize.FROM_25K
    assert bands["koebenhavns-kommune"] == MunicipalitySize.OVER_120K
    assert (
        not Organisation.objects.exclude(kind=OrganisationKind.KOMMUNE).exclude(municipality_size="").exists()
    )


def test_the_demo_has_join_requests_in_every_state(demo):
    states = set(JoinRequest.objects.values_list("state", flat=True))
    assert states == set(JoinState.values)
    approved = JoinRequest.objects.filter(state=JoinState.APPROVED).first()
    assert JoiningAgreement.objects.filter(
        product=approved.product, organisation=approved.organisation
    ).exists()
    assert JoinRequest.objects.filter(state=JoinState.DECLINED).exclude(decline_reason="").exists()
    assert JoinRequest.objects.exclude(agreement_file="").exists()
    assert JoinRequest.objects.filter(agreement_later=True).exists()
