"""The home page shows live counts of public members, supplier partners and products, computed from
data, the featured products and the newest members."""

import datetime

import pytest

from community.models import Organisation, OrganisationKind
from products.models import ProductPage, ProductStatus
from tests.factories import OrganisationFactory, ProductPageFactory, catalogue, uses
from tests.markup import home_counts, hrefs, parse, region, text

pytestmark = pytest.mark.factories


@pytest.fixture
def site(db):
    """Three public members (two municipalities and a region), a municipality that left, two supplier
    partners and a supplier that is no partner; three products, the last by title used the most."""
    index = catalogue()
    kommuner = [OrganisationFactory(name=name) for name in ("Aarhus Kommune", "Ballerup Kommune")]
    region = OrganisationFactory(name="Region Midtjylland", kind=OrganisationKind.REGION)
    OrganisationFactory(name="Gammel Kommune", is_member=False)
    for name in ("Magenta ApS", "Netcompany A/S"):
        OrganisationFactory(name=name, kind=OrganisationKind.LEVERANDOER)
    OrganisationFactory(name="Udenfor ApS", kind=OrganisationKind.LEVERANDOER, is_member=False)
    products = {
        slug: ProductPageFactory(parent=index, title=title, slug=slug)
        for slug, title in (("os2alfa", "OS2alfa"), ("os2beta", "OS2beta"), ("os2loop", "OS2loop"))
    }
    for organisation in [*kommuner, region]:
        uses(organisation, products["os2loop"])
    uses(kommuner[0], products["os2beta"])
    return products


def counts_on(client):
    response = client.get("/")
    assert response.status_code == 200
    return home_counts(parse(response))


def test_counts_match_the_data(client, site):
    counts = counts_on(client)
    assert counts["offentlige medlemmer"] == Organisation.objects.public_members().count() == 3
    assert counts["leverandørpartnere"] == Organisation.objects.supplier_partners().count() == 2
    assert counts["produkter"] == ProductPage.objects.live().count() == 3


def test_counts_follow_changes(client, site):
    before = counts_on(client)
    Organisation.objects.create(
        name="Ny Leverandør ApS", slug="ny-leverandoer", kind=OrganisationKind.LEVERANDOER
    )
    Organisation.objects.filter(kind=OrganisationKind.KOMMUNE).update(is_member=False)
    site["os2loop"].unpublish()
    after = counts_on(client)
    assert after["leverandørpartnere"] == before["leverandørpartnere"] + 1 == 3
    assert after["offentlige medlemmer"] == Organisation.objects.public_members().count() == 1
    assert after["offentlige medlemmer"] < before["offentlige medlemmer"]
    assert after["produkter"] == before["produkter"] - 1 == 2


def test_featured_products_are_the_most_used(client, site):
    site["os2alfa"].status = ProductStatus.PROJEKT  # only products, not projects, are featured
    site["os2alfa"].save_revision().publish()
    document = parse(client.get("/"))
    section = document.find("section", attrs={"aria-labelledby": "section-udvalgte-produkter"})
    assert section.h2.get_text(strip=True) == "Udvalgte produkter"
    # The most used first, then by title.
    assert [text(heading) for heading in section.select("h3 a")] == ["OS2loop", "OS2beta"]
    assert hrefs(section)[:2] == ["/produkter/os2loop/", "/produkter/os2beta/"]
    assert "/produkter/" in hrefs(section)
    assert client.get("/produkter/os2loop/").status_code == 200


def newest_members(client):
    return [text(heading) for heading in region(parse(client.get("/")), "Nyeste medlemmer").select("h3 a")]


def test_the_newest_members_are_those_who_joined_last_then_those_without_a_date(client, site):
    """Six members: the latest to join first (by name on the same day); members without a date fill
    up the six after every dated one, by name. A new date shows on the next request."""
    Organisation.objects.all().delete()
    day = datetime.date(2024, 1, 1)
    for name, joined in [
        ("Aarhus Kommune", day),
        ("Ballerup Kommune", day + datetime.timedelta(days=30)),
        ("Esbjerg Kommune", day + datetime.timedelta(days=30)),
        ("Favrskov Kommune", day + datetime.timedelta(days=60)),
    ]:
        OrganisationFactory(name=name, member_since=joined)
    for name in ("Odense Kommune", "Gentofte Kommune", "Vejle Kommune"):
        OrganisationFactory(name=name, member_since=None)
    OrganisationFactory(
        name="Gammel Kommune", member_since=day + datetime.timedelta(days=90), is_member=False
    )
    assert newest_members(client) == [
        "Favrskov Kommune",
        "Ballerup Kommune",
        "Esbjerg Kommune",
        "Aarhus Kommune",
        "Gentofte Kommune",
        "Odense Kommune",
    ]
    odense = Organisation.objects.get(name="Odense Kommune")
    odense.member_since = day + datetime.timedelta(days=120)
    odense.save()
    assert newest_members(client) == [
        "Odense Kommune",
        "Favrskov Kommune",
        "Ballerup Kommune",
        "Esbjerg Kommune",
        "Aarhus Kommune",
        "Gentofte Kommune",
    ]
