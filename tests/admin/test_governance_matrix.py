"""The secretariat re-assesses a product's governance in one form: every criterion with rating,
evidence link, note and date; "Beregn niveau" shows the level the form yields before anything is saved;
saving adds one dated assessment per changed criterion, so the level history on the product's
governance tab records the round. Logged in as the demo's Sekretariat member."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client

from community.members.demo import DEMO_SECRETARIAT
from products.models import CriterionAssessment, GovernanceCriterion, ProductPage

from .forms import form_values

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 12, 4, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def secretary_client(demo, client):
    client.force_login(get_user_model().objects.get(email=DEMO_SECRETARIAT[2]))
    return client


@pytest.fixture
def kitos(demo):
    return ProductPage.objects.get(slug="os2kitos")


def matrix_url(product):
    return f"/admin/governance/{product.pk}/"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_the_matrix_has_a_row_for_every_criterion(secretary_client, kitos):
    listing = soup(secretary_client.get("/admin/governance/"))
    assert matrix_url(kitos) in {a["href"] for a in listing.find_all("a", href=True)}
    page = soup(secretary_client.get(matrix_url(kitos)))
    rows = page.select("tr[data-criterion]")
    assert len(rows) == GovernanceCriterion.objects.count()
    g14 = page.select_one('tr[data-criterion="G14"]')
    for name in ("rating", "evidence_url", "note", "assessed_on"):
        field = g14.select_one(f"[name$='-{name}']")
        assert field is not None and page.find("label", attrs={"for": field["id"]}) is not None
    assert "Niveau nu: N3" in page.select_one("[data-current-level]").get_text()


def changed(client, product, **rows):
    data = form_values(client.get(matrix_url(product)).content)
    criteria = {c.code: c.pk for c in GovernanceCriterion.objects.all()}
    for code, values in rows.items():
        for name, value in values.items():
            data[f"c{criteria[code]}-{name}"] = value
    return data


@time_machine.travel(TODAY, tick=False)
def test_the_level_is_shown_before_saving_and_the_round_is_recorded(secretary_client, kitos):
    before = CriterionAssessment.objects.count()
    data = changed(
        secretary_client, kitos, G14={"rating": "roed", "note": "Brugerfællesskabet er gået i stå."}
    )
    preview = soup(secretary_client.post(matrix_url(kitos), {**data, "action": "preview"}))
    assert "bliver niveauet: N2" in preview.select_one("[data-preview-level]").get_text()
    assert CriterionAssessment.objects.count() == before

    response = secretary_client.post(matrix_url(kitos), {**data, "action": "save"})
    assert response.status_code == 302
    assert CriterionAssessment.objects.count() == before + 1
    assessment = CriterionAssessment.objects.get(
        product=kitos, criterion__code="G14", assessed_on=TODAY.date()
    )
    assert assessment.rating == "roed" and assessment.revisions.count() == 1
    public = Client()
    assert "governance-level-n2" in public.get(kitos.url).content.decode()
    assert "Ned fra N3 til N2" in public.get(kitos.url + "governance/").content.decode()


def test_bad_input_is_explained_in_danish_and_nothing_is_saved(secretary_client, kitos):
    before = CriterionAssessment.objects.count()
    data = changed(secretary_client, kitos, G14={"rating": "", "evidence_url": "ikke en adresse"})
    page = soup(secretary_client.post(matrix_url(kitos), {**data, "action": "save"}))
    alert = page.select_one("[role=alert]").get_text(" ", strip=True)
    assert "ikke gemt" in alert and "G14" in alert
    assert "Vælg en vurdering" in page.get_text() or "Vælg en vurdering" in alert
    assert CriterionAssessment.objects.count() == before


def test_coordinators_cannot_assess(demo):
    client = Client()
    client.force_login(get_user_model().objects.get(username="tovholder-os2kitos"))
    product = ProductPage.objects.get(slug="os2kitos")
    assert client.get(matrix_url(product)).status_code in {302, 403}
    assert client.get("/admin/governance/").status_code in {302, 403}
