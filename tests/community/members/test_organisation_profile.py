"""An organisation's public profile shows who they are (logo, kind, region, description, why they are
in OS2), their agreements with dates, contact person, the products they use and supply — the same
records the product pages show — in a constant number of queries. On a small site built for the test:
a catalogue of three products, a municipality using two of them and a supplier of one."""

import datetime

import pytest
from django.test import Client

from community.models import Agreement
from products.models import ProductSupplier
from tests.factories import OrganisationFactory, ProductPageFactory, catalogue, uses
from tests.markup import hrefs, parse, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def products(db):
    index = catalogue()
    return [ProductPageFactory(parent=index, title=title) for title in ("OS2alfa", "OS2beta", "OS2gamma")]


@pytest.fixture
def ballerup(products):
    organisation = OrganisationFactory(
        name="Ballerup Kommune",
        region="hovedstaden",
        description="Ballerup Kommune udvikler og bruger OS2's løsninger.",
        contact_name="Digitaliseringsenheden",
        contact_email="os2@ballerup.example.dk",
    )
    Agreement.objects.create(
        organisation=organisation, kind="partneraftale", signed_on=datetime.date(2020, 1, 1)
    )
    for product in products[:2]:
        uses(organisation, product)
    return organisation


@pytest.fixture
def supplier(products):
    magenta = OrganisationFactory(name="Magenta ApS", kind="leverandoer")
    products[0].suppliers.add(ProductSupplier(organisation=magenta, role="Udvikling og drift"))
    products[0].save()
    return magenta


def profile(organisation):
    response = Client().get(f"/medlemmer/{organisation.slug}/")
    assert response.status_code == 200
    return parse(response).main


def section(page, heading_id):
    return page.find("section", attrs={"aria-labelledby": heading_id})


def test_profile_shows_agreements_contact_and_products_used(
    ballerup, products, django_assert_max_num_queries
):
    ballerup.why_os2 = "Fordi vi deler."
    ballerup.contact_phone = "12 34 56 78"
    ballerup.save()
    Agreement.objects.create(
        organisation=ballerup,
        kind="floss",
        signed_on=datetime.date(2024, 3, 1),
        ends_on=datetime.date(2027, 3, 1),
    )
    Client().get(f"/medlemmer/{ballerup.slug}/")  # warms the cached parts
    with django_assert_max_num_queries(12):
        page = profile(ballerup)
    assert text(page.h1) == "Ballerup Kommune"
    header = text(page.find("header"))
    assert ballerup.get_kind_display() in header and "Region Hovedstaden" in header
    assert "Ballerup Kommune udvikler og bruger OS2's løsninger." in header
    assert "Fordi vi deler." in text(section(page, "why-os2"))
    agreements = {
        text(row.th): [text(cell) for cell in row.find_all("td")]
        for row in page.find("table").tbody.find_all("tr")
    }
    assert agreements == {
        "Partneraftale": ["1. januar 2020", "Løbende"],
        "FLOSS-aftale": ["1. marts 2024", "1. marts 2027"],
    }
    contact = section(page, "contact")
    assert "Digitaliseringsenheden" in text(contact)
    assert {"mailto:os2@ballerup.example.dk", "tel:12345678"} <= set(hrefs(contact))
    used = section(page, "products-used")
    assert [text(link) for link in used.find_all("a")] == ["OS2alfa", "OS2beta"]
    assert "OS2gamma" not in text(page)
    for product in products[:2]:
        assert product.url in hrefs(used)
        # The same record, seen from the product's page.
        assert ballerup.get_absolute_url() in hrefs(parse(Client().get(product.url)))
    assert ballerup.get_absolute_url() not in hrefs(parse(Client().get(products[2].url)))


def test_supplier_profile_lists_products_supplied(supplier, products):
    supplied = section(profile(supplier), "products-supplied")
    assert text(supplied) == "Leverer til disse produkter OS2alfa – Udvikling og drift"
    assert hrefs(supplied) == [products[0].url]


def test_query_count_does_not_grow_with_products(ballerup, products, django_assert_max_num_queries):
    Client().get(ballerup.get_absolute_url())  # warms the cached parts
    with django_assert_max_num_queries(12) as before:
        profile(ballerup)
    for number in range(5):
        uses(ballerup, ProductPageFactory(parent=products[0].get_parent(), title=f"OS2ekstra{number}"))
    with django_assert_max_num_queries(len(before.captured_queries)):
        page = profile(ballerup)
    assert len(section(page, "products-used").find_all("li")) == 7


def test_user_text_is_escaped(ballerup):
    ballerup.description = '<script>alert("x")</script>'
    ballerup.save()
    page = profile(ballerup)
    assert '<script>alert("x")</script>' in text(page.find("header"))  # shown as text
    assert not any("alert" in script.get_text() for script in page.find_all("script"))


def test_unknown_organisation_is_not_found(db):
    assert Client().get("/medlemmer/findes-ikke/").status_code == 404


def test_a_former_members_profile_keeps_its_history_but_not_its_contact(ballerup):
    ballerup.contact_name, ballerup.contact_phone = "Kirsten Kontakt", "12 34 56 78"
    ballerup.is_member = False
    ballerup.save()
    page = profile(ballerup)
    assert "Tidligere medlem" in text(page.find("header")) and text(page.h1) == "Ballerup Kommune"
    assert [text(link) for link in section(page, "products-used").find_all("a")] == ["OS2alfa", "OS2beta"]
    assert "Partneraftale" in text(page.find("table"))
    assert section(page, "contact") is None
    for gone in ["Kirsten Kontakt", "os2@ballerup.example.dk", "12 34 56 78"]:
        assert gone not in text(page)
