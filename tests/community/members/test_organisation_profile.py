"""An organisation's public profile shows who they are (logo, kind, region, description, why they are
in OS2), their agreements with dates, contact person, the products they use and supply — the same
records the product pages show — in a constant number of queries."""

import datetime

from django.test import Client

from community.models import Agreement, Organisation
from products.models import ProductPage


def test_profile_shows_agreements_contact_and_products_used(demo, django_assert_max_num_queries):
    organisation = Organisation.objects.filter(joining_agreements__isnull=False).distinct().first()
    organisation.why_os2 = "Fordi vi deler."
    organisation.contact_phone = "12 34 56 78"
    organisation.save()
    Agreement.objects.create(
        organisation=organisation,
        kind="floss",
        signed_on=datetime.date(2024, 3, 1),
        ends_on=datetime.date(2027, 3, 1),
    )
    Client().get(f"/medlemmer/{organisation.slug}/")  # warms the cached navigation
    with django_assert_max_num_queries(12):
        response = Client().get(f"/medlemmer/{organisation.slug}/")
    html = response.content.decode()
    assert f"<h1>{organisation.name}</h1>" in html
    assert organisation.get_kind_display() in html
    assert "Fordi vi deler." in html
    assert "FLOSS-aftale" in html and "1. marts 2024" in html and "1. marts 2027" in html
    assert "Partneraftale" in html
    assert organisation.contact_email in html and 'href="tel:12345678"' in html
    for joining in organisation.joining_agreements.filter(product__live=True):
        assert joining.product.title in html
        # The same record, seen from the product's page.
        product_html = Client().get(joining.product.url).content.decode()
        assert organisation.get_absolute_url() in product_html


def test_supplier_profile_lists_products_supplied(demo):
    supplier = Organisation.objects.filter(supplied_products__isnull=False).distinct().first()
    html = Client().get(supplier.get_absolute_url()).content.decode()
    assert "Leverer til disse produkter" in html
    for product in ProductPage.objects.live().filter(suppliers__organisation=supplier):
        assert product.title in html


def test_query_count_does_not_grow_with_products(demo, django_assert_max_num_queries):
    busiest = max(Organisation.objects.all(), key=lambda o: o.joining_agreements.count())
    assert busiest.joining_agreements.count() > 1
    Client().get(busiest.get_absolute_url())  # warms the cached navigation
    with django_assert_max_num_queries(12):
        assert Client().get(busiest.get_absolute_url()).status_code == 200


def test_user_text_is_escaped(demo):
    organisation = Organisation.objects.first()
    organisation.description = '<script>alert("x")</script>'
    organisation.save()
    html = Client().get(organisation.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_unknown_organisation_is_not_found(demo):
    assert Client().get("/medlemmer/findes-ikke/").status_code == 404


def test_a_former_members_profile_keeps_its_history_but_not_its_contact(demo):
    organisation = Organisation.objects.filter(joining_agreements__isnull=False).distinct().first()
    organisation.contact_name, organisation.contact_phone = "Kirsten Kontakt", "12 34 56 78"
    organisation.is_member = False
    organisation.save()
    html = Client().get(organisation.get_absolute_url()).content.decode()
    assert "Tidligere medlem" in html and organisation.name in html
    for gone in ["Kirsten Kontakt", organisation.contact_email, "12 34 56 78"]:
        assert gone not in html
