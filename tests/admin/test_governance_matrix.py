"""The secretariat re-assesses a product's governance in one form: every criterion with rating,
evidence link, note and date; "Beregn niveau" shows the level the form yields before anything is saved;
saving adds one dated assessment per changed criterion, so the level history on the product's
governance tab records the round. On a catalogue with OS2kitos assessed at N3 against the association's
criteria, logged in as a member of the Sekretariat group."""

import datetime

import pytest
import time_machine
from django.test import Client

from products.demo import ensure_criteria
from products.models import CriterionAssessment, GovernanceCriterion
from tests.factories import ProductPageFactory, assess, catalogue, coordinator_of, secretary
from tests.markup import hrefs, parse, text

from .forms import form_values

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

TODAY = datetime.datetime(2026, 12, 4, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def kitos():
    """Every criterion of Sandkasse to N3 assessed green in the spring: the product is at N3."""
    ensure_criteria()
    product = ProductPageFactory(parent=catalogue(), title="OS2kitos", slug="os2kitos")
    assess(product, [0, 1, 2, 3], date=datetime.date(2026, 3, 1))
    return product


@pytest.fixture
def secretary_client(client):
    client.force_login(secretary())
    return client


def matrix_url(product):
    return f"/admin/governance/{product.pk}/"


def soup(response):
    assert response.status_code == 200, response.status_code
    return parse(response)


def test_the_matrix_has_a_row_for_every_criterion(secretary_client, kitos):
    listing = soup(secretary_client.get("/admin/governance/"))
    assert matrix_url(kitos) in hrefs(listing)
    page = soup(secretary_client.get(matrix_url(kitos)))
    rows = page.select("tr[data-criterion]")
    assert len(rows) == GovernanceCriterion.objects.count()
    g14 = page.select_one('tr[data-criterion="G14"]')
    for name in ("rating", "evidence_url", "note", "assessed_on"):
        field = g14.select_one(f"[name$='-{name}']")
        assert field is not None and page.find("label", attrs={"for": field["id"]}) is not None
    assert "Niveau nu: N3" in text(page.select_one("[data-current-level]"))


def changed(client, product, **rows):
    data = form_values(client.get(matrix_url(product)).content)
    criteria = {c.code: c.pk for c in GovernanceCriterion.objects.all()}
    for code, values in rows.items():
        for name, value in values.items():
            data[f"c{criteria[code]}-{name}"] = value
    return data


def level_badge(product):
    """The product header's governance badge as read aloud: the link its level's explanation describes."""
    page = parse(Client().get(product.url))
    return text(page.find("a", attrs={"aria-describedby": "product-level"}))


def level_history(product):
    """The entries of the governance tab's level history, newest first."""
    page = parse(Client().get(product.url + "governance/"))
    return [text(item) for item in page.find(id="historik").find_next_sibling("ol").find_all("li")]


@time_machine.travel(TODAY, tick=False)
def test_the_level_is_shown_before_saving_and_the_round_is_recorded(secretary_client, kitos):
    before = CriterionAssessment.objects.count()
    data = changed(
        secretary_client, kitos, G14={"rating": "roed", "note": "Brugerfællesskabet er gået i stå."}
    )
    preview = soup(secretary_client.post(matrix_url(kitos), {**data, "action": "preview"}))
    assert "bliver niveauet: N2" in text(preview.select_one("[data-preview-level]"))
    assert CriterionAssessment.objects.count() == before

    response = secretary_client.post(matrix_url(kitos), {**data, "action": "save"})
    assert response.status_code == 302
    assert CriterionAssessment.objects.count() == before + 1
    assessment = CriterionAssessment.objects.get(
        product=kitos, criterion__code="G14", assessed_on=TODAY.date()
    )
    assert assessment.rating == "roed" and assessment.revisions.count() == 1
    assert level_badge(kitos) == "Governanceniveau: N2 styret i fællesskab"
    assert level_history(kitos)[0] == "4. december 2026: Ned fra N3 til N2"


def test_bad_input_is_explained_in_danish_and_nothing_is_saved(secretary_client, kitos):
    before = CriterionAssessment.objects.count()
    data = changed(secretary_client, kitos, G14={"rating": "", "evidence_url": "ikke en adresse"})
    page = soup(secretary_client.post(matrix_url(kitos), {**data, "action": "save"}))
    alert = text(page.select_one("[role=alert]"))
    assert "ikke gemt" in alert and "G14" in alert
    assert "Vælg en vurdering" in page.get_text() or "Vælg en vurdering" in alert
    assert CriterionAssessment.objects.count() == before


def test_coordinators_cannot_assess(kitos):
    client = Client()
    client.force_login(coordinator_of(kitos))
    assert client.get(matrix_url(kitos)).status_code in {302, 403}
    assert client.get("/admin/governance/").status_code in {302, 403}
