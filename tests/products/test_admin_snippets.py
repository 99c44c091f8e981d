"""The secretariat edits criteria, assessments and contact persons as snippets with history in the
admin; saving an assessment there changes the product's badge on the site at once, and a bad form
re-renders with Danish messages. On two products built for the test, with the association's criteria,
logged in as a member of the Sekretariat group."""

import datetime

import pytest

from products.demo import ensure_criteria
from products.models import (
    ContactPerson,
    CriterionAssessment,
    GovernanceCriterion,
    ProductContact,
    ProductPage,
)
from tests.factories import ProductPageFactory, assess, catalogue, secretary

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture(autouse=True)
def products():
    """OS2kitos at level N3, OS2mo; a supplier's contact person on both, and another person on one."""
    ensure_criteria()
    index = catalogue()
    kitos = ProductPageFactory(parent=index, title="OS2kitos", slug="os2kitos")
    os2mo = ProductPageFactory(parent=index, title="OS2mo", slug="os2mo")
    assess(kitos, [0, 1, 2, 3], date=datetime.date(2026, 1, 15))
    supplier = ContactPerson.objects.create(name="Lise Leverandørsen", email="lise@example.dk")
    other = ContactPerson.objects.create(name="Karl Koordinator", email="karl@example.dk")
    for product in (kitos, os2mo):
        ProductContact.objects.create(product=product, person=supplier, role="leverandoer")
    ProductContact.objects.create(product=os2mo, person=other, role="koordinationsgruppe")
    return kitos, os2mo


@pytest.fixture
def admin_client(client):
    client.force_login(secretary())
    return client


@pytest.mark.parametrize("model", ["contactperson", "governancecriterion", "criterionassessment"])
def test_snippet_listings_open(admin_client, model):
    response = admin_client.get(f"/admin/snippets/products/{model}/")
    assert response.status_code == 200


def test_assessing_a_criterion_in_the_admin_takes_the_badge_down_at_once(admin_client, client):
    product = ProductPage.objects.get(slug="os2kitos")
    assert "governance-level-n3" in client.get(product.url).content.decode()
    criterion = GovernanceCriterion.objects.get(code="G14")
    response = admin_client.post(
        "/admin/snippets/products/criterionassessment/add/",
        {
            "product": product.pk,
            "criterion": criterion.pk,
            "rating": "roed",
            "assessed_on": "2026-11-01",
            "evidence_url": "",
            "note": "Brugerfællesskabet er gået i stå.",
        },
    )
    assert response.status_code == 302
    assessment = CriterionAssessment.objects.get(
        product=product, criterion=criterion, assessed_on="2026-11-01"
    )
    assert assessment.revisions.count() == 1  # history is kept
    assert "governance-level-n2" in client.get(product.url).content.decode()
    assert "Ned fra N3 til N2" in client.get(product.url + "governance/").content.decode()


def test_a_bad_assessment_form_rerenders_in_danish(admin_client):
    response = admin_client.post(
        "/admin/snippets/products/criterionassessment/add/",
        {
            "product": "",
            "criterion": "",
            "rating": "lilla",
            "assessed_on": "i går",
            "evidence_url": "ikke-en-url",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dette felt er påkrævet." in html
    assert "ikke-en-url" in html


def test_contact_person_is_searchable_and_reused_across_products(admin_client):
    person = ContactPerson.objects.filter(product_roles__role="leverandoer").first()
    assert person.product_roles.count() > 1
    response = admin_client.get("/admin/snippets/products/contactperson/", {"q": person.name.split()[0]})
    assert person.name in response.content.decode()
    assert "Karl Koordinator" not in response.content.decode()


@pytest.mark.parametrize("query", ["Styregruppe", "styreg", "G6"])
def test_criteria_can_be_searched_by_text_and_code(admin_client, query):
    response = admin_client.get("/admin/snippets/products/governancecriterion/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "No governancekriterier" not in html
    assert "G6" in html
