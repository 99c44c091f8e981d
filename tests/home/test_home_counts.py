"""The home page shows live counts of public members, supplier partners and products, computed from
data, and the featured products."""

from django.db.models import Count

from community.models import Organisation, OrganisationKind
from products.models import ProductPage
from tests.markup import home_counts, parse


def counts_on(client):
    response = client.get("/")
    return home_counts(parse(response)), response.content.decode()


def test_counts_match_the_data(client, demo):
    counts, _ = counts_on(client)
    assert counts["offentlige medlemmer"] == Organisation.objects.public_members().count() > 60
    assert counts["leverandørpartnere"] == Organisation.objects.supplier_partners().count() > 5
    assert counts["produkter"] == ProductPage.objects.live().count() == 17


def test_counts_follow_changes(client, demo):
    before, _ = counts_on(client)
    Organisation.objects.create(
        name="Ny Leverandør ApS", slug="ny-leverandoer", kind=OrganisationKind.LEVERANDOER
    )
    Organisation.objects.filter(kind=OrganisationKind.KOMMUNE).update(is_member=False)
    ProductPage.objects.get(slug="os2loop").unpublish()
    after, _ = counts_on(client)
    assert after["leverandørpartnere"] == before["leverandørpartnere"] + 1
    assert after["offentlige medlemmer"] == Organisation.objects.public_members().count()
    assert after["offentlige medlemmer"] < before["offentlige medlemmer"]
    assert after["produkter"] == before["produkter"] - 1


def test_featured_products_are_the_most_used(client, demo):
    _, html = counts_on(client)
    most_used = (
        ProductPage.objects.live().annotate(n=Count("joining_agreements")).order_by("-n", "title").first()
    )
    assert "Udvalgte produkter" in html
    assert f'href="/produkter/{most_used.slug}/"' in html
    assert 'href="/produkter/"' in html
    assert client.get("/produkter/os2mo/").status_code == 200
