"""The catalogue's filters on a site of four products built for the test: status, topic and user
combine through the query string, each value's count is what choosing it would give together with the
other chosen filters, each chosen filter can be removed alone, and what no visitor may open is never
listed or counted."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from products.models import JoiningAgreement, JoiningStage, ProductSupplier
from tests.factories import OrganisationFactory, ProductPageFactory, catalogue, uses

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def products():
    index = catalogue()
    ballerup = OrganisationFactory(name="Ballerup Kommune")
    made = {
        "OS2alfa": ProductPageFactory(parent=index, title="OS2alfa", status="produkt"),
        "OS2beta": ProductPageFactory(parent=index, title="OS2beta", status="produkt"),
        "OS2gamma": ProductPageFactory(parent=index, title="OS2gamma", status="projekt"),
        "OS2hemmelig": ProductPageFactory(parent=index, title="OS2hemmelig", status="produkt"),
    }
    for title, topics in {
        "OS2alfa": ["Sikkerhed"],
        "OS2gamma": ["Sikkerhed"],
        "OS2hemmelig": ["Sikkerhed"],
    }.items():
        made[title].tags.add(*topics)
        made[title].save()
    for title in ("OS2alfa", "OS2gamma", "OS2hemmelig"):
        uses(ballerup, made[title])
    PageViewRestriction.objects.create(page=made["OS2hemmelig"], restriction_type=PageViewRestriction.LOGIN)
    return made


def catalogue_page(client, query=""):
    response = client.get("/produkter/" + query)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listed(page):
    results = page.find("section", attrs={"aria-labelledby": "results-heading"})
    return [link.get_text(strip=True) for link in results.select("article :is(h2, h3) > a")]


def count(page, facet, value):
    """The count shown beside a filter value, e.g. "Projekt (1)"."""
    option = page.select_one(f'select[name="{facet}"] option[value="{value}"]')
    return int(option.get_text().rsplit("(", 1)[1].rstrip(")")) if option else None


def test_every_public_product_is_listed_and_the_restricted_one_is_not(client, products):
    page = catalogue_page(client)
    assert listed(page) == ["OS2alfa", "OS2beta", "OS2gamma"]
    assert "OS2hemmelig" not in page.get_text()


def test_as_first_shown_the_counts_leave_out_pledges_and_what_no_visitor_may_open(client, products):
    """The catalogue as first shown counts each organisation's products in the database: a pledge is not
    a use, and the restricted product's users, supplier and topic are never counted."""
    aarhus = OrganisationFactory(name="Aarhus Kommune")
    magenta = OrganisationFactory(name="Magenta ApS")
    JoiningAgreement.objects.create(
        product=products["OS2beta"], organisation=aarhus, stage=JoiningStage.TILSAGN, joined_on="2024-01-01"
    )
    uses(aarhus, products["OS2hemmelig"])
    for title in ("OS2alfa", "OS2beta", "OS2hemmelig"):
        ProductSupplier.objects.create(product=products[title], organisation=magenta, role="Udvikling")
    page = catalogue_page(client)
    assert count(page, "bruger", "ballerup-kommune") == 2
    assert count(page, "bruger", "aarhus-kommune") is None
    assert count(page, "leverandoer", "magenta-aps") == 2
    assert count(page, "emne", "sikkerhed") == 2
    assert "Tilsagn fra 1 organisation" in page.find("a", string="OS2beta").find_parent("article").get_text()
    assert "OS2hemmelig" not in page.get_text()


def test_a_status_filter_lists_its_products_and_counts_the_others(client, products):
    page = catalogue_page(client, "?status=produkt")
    assert listed(page) == ["OS2alfa", "OS2beta"]
    assert count(page, "status", "projekt") == 1


def test_topic_and_user_filters_combine_and_count_with_each_other(client, products):
    page = catalogue_page(client, "?emne=sikkerhed&bruger=ballerup-kommune")
    assert listed(page) == ["OS2alfa", "OS2gamma"]
    # Choosing "Produkt" as well would leave OS2alfa alone; the restricted product is never counted.
    assert count(page, "status", "produkt") == 1
    assert count(page, "emne", "sikkerhed") == 2


def test_each_chosen_filter_is_removed_alone(client, products):
    page = catalogue_page(client, "?emne=sikkerhed&status=projekt")
    assert listed(page) == ["OS2gamma"]
    remove = page.find("a", string="Fjern filteret Sikkerhed")["href"]
    assert "emne=" not in remove and "status=projekt" in remove
    assert listed(catalogue_page(client, remove)) == ["OS2gamma"]
