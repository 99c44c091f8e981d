"""Products and organisations of the demo link to each other, never typed twice."""

from community.models import Organisation
from products.models import ProductPage


def test_product_page_lists_users_and_suppliers_linked_to_profiles(client, demo):
    product = ProductPage.objects.get(slug="os2mo")
    user = product.joining_agreements.select_related("organisation").first().organisation
    html = client.get("/produkter/os2mo/").content.decode()
    assert f'href="/medlemmer/{user.slug}/"' in html
    assert 'href="/medlemmer/magenta-aps/"' in html


def test_profile_lists_the_products_it_uses_and_supplies(client, demo):
    magenta = client.get("/medlemmer/magenta-aps/").content.decode()
    assert "Leverer til disse produkter" in magenta and 'href="/produkter/os2mo/"' in magenta
    user = ProductPage.objects.get(slug="os2mo").joining_agreements.first().organisation
    profile = client.get(user.get_absolute_url()).content.decode()
    assert 'href="/produkter/os2mo/"' in profile


def test_unknown_profile_is_404(client, demo):
    assert client.get("/medlemmer/findes-ikke/").status_code == 404


def test_demo_has_organisations_of_every_region_and_several_kinds(demo):
    assert Organisation.objects.exclude(region="").values("region").distinct().count() == 5
    assert Organisation.objects.values("kind").distinct().count() >= 7
