"""The catalogue at /produkter/: every product as a card, filters by level, status, tag, user and
supplier that combine through the query string, counts beside each value that take the other active
filters into account, free-text search, sorting, and a fixed query budget. On a catalogue of seven
products built for the test, at every governance level and status, with users, suppliers and topics."""

import datetime

import pytest

from community.models import Organisation
from products.demo import ensure_criteria
from products.governance import governance_for
from products.models import JoiningAgreement, JoiningStage, ProductIndexPage, ProductPage, ProductSupplier
from tests.factories import OrganisationFactory, ProductPageFactory, assess, catalogue, uses
from tests.markup import card_titles, parse, text

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

# title: (status, governance level (None: not assessed), topics, users, suppliers, tagline)
PRODUCTS = {
    "OS2mo": ("produkt", 2, ["Organisation"], ["Aarhus", "Ballerup", "Hedensted"], ["Magenta ApS"], None),
    "OS2faktor": (
        "produkt",
        1,
        ["Sikkerhed", "Identitet"],
        ["Aarhus", "Ballerup"],
        ["Digital Identity ApS"],
        None,
    ),
    "OS2nemlogin": ("produkt", 1, ["Sikkerhed"], ["Ballerup"], ["Digital Identity ApS"], None),
    "OS2kitos": ("produkt", 3, ["Sikkerhed"], ["Aarhus"], ["Digital Identity ApS"], None),
    "OS2valghalla": ("projekt", 1, ["Valg"], [], [], "Bemanding af valgsteder på valgdagen"),
    "OS2display": ("produkt", 0, [], ["Hedensted"], [], "Indhold til infoskærme i hele kommunen"),
    "OS2agora": ("projekt", None, [], [], ["Magenta ApS"], None),
}


@pytest.fixture(autouse=True)
def products():
    ensure_criteria()
    index = catalogue()
    municipalities = {
        name: OrganisationFactory(name=f"{name} Kommune") for name in ("Aarhus", "Ballerup", "Hedensted")
    }
    suppliers = {
        name: OrganisationFactory(name=name, kind="leverandoer")
        for name in ("Magenta ApS", "Digital Identity ApS")
    }
    made = {}
    for title, (status, level, topics, users, supplied_by, tagline) in PRODUCTS.items():
        fields = {"tagline": tagline} if tagline else {}
        product = ProductPageFactory(parent=index, title=title, slug=title.lower(), status=status, **fields)
        product.tags.add(*topics)
        product.save()
        for name in users:
            uses(municipalities[name], product)
        for name in supplied_by:
            ProductSupplier.objects.create(product=product, organisation=suppliers[name], role="Udvikling")
        if level is not None:
            assess(product, range(level + 1), date=datetime.date(2026, 1, 15))
        made[title] = product
    return made


# The page frame (site, menu, breadcrumbs, settings, the page's language versions for the language
# switcher and Wagtail's lookup of the active locale) plus the catalogue's own fixed set of queries.
CATALOGUE_BUDGET = 22


def titles(html):
    return card_titles(parse(html))


def option_count(html, facet, value):
    """The count beside a filter's value: "Sikkerhed (3)"."""
    option = parse(html).find("select", attrs={"name": facet}).find("option", value=value)
    if option is None or not text(option).endswith(")"):
        return None
    return int(text(option).rsplit("(", 1)[1].rstrip(")"))


def card(html, title):
    """The card of the product with this title."""
    return parse(html).main.find("a", string=title).find_parent("article")


def expected(predicate):
    products = list(ProductPage.objects.live())
    levels = governance_for(products)
    return sorted((p.title for p in products if predicate(p, levels[p.pk].level)), key=str.casefold)


def get(client, query=""):
    response = client.get("/produkter/" + query)
    assert response.status_code == 200
    return response.content.decode()


def test_every_live_product_is_a_card_with_badge_status_and_users(client):
    html = get(client)
    assert titles(html) == expected(lambda p, level: True)
    os2mo = ProductPage.objects.get(slug="os2mo")
    users = os2mo.joining_agreements.filter(stage=JoiningStage.TILSLUTTET).count()
    found = card(html, "OS2mo")
    assert os2mo.tagline in text(found)
    assert f"Bruges af {users} organisationer" in text(found)
    # The badge names the level and leads to the product's governance tab.
    badge = found.find("a", href=lambda href: href.endswith("/os2mo/governance/"))
    assert text(badge).startswith("Governanceniveau: N2")


def test_level_and_status_filters_combine(client):
    html = get(client, "?niveau=n1&status=produkt")
    assert titles(html) == expected(lambda p, level: level == 1 and p.status == "produkt")
    assert titles(html) == ["OS2faktor", "OS2nemlogin"]
    # Each level's count is what choosing it would give together with status=produkt.
    for slug, number in [("sandkasse", 0), ("n1", 1), ("n2", 2), ("n3", 3)]:
        assert option_count(html, "niveau", slug) == len(
            expected(lambda p, level, n=number: level == n and p.status == "produkt")
        )
    # And each status count is what it would give together with level N1.
    assert option_count(html, "status", "projekt") == len(
        expected(lambda p, level: level == 1 and p.status == "projekt")
    )


def test_tag_user_and_supplier_filters_combine_with_counts(client):
    municipality = (
        JoiningAgreement.objects.filter(stage=JoiningStage.TILSLUTTET, product__slug="os2faktor")
        .order_by("organisation__name")
        .first()
        .organisation
    )
    supplier = Organisation.objects.get(name="Digital Identity ApS")
    html = get(client, f"?emne=sikkerhed&bruger={municipality.slug}&leverandoer={supplier.slug}")

    def uses(p):
        return p.joining_agreements.filter(organisation=municipality, stage=JoiningStage.TILSLUTTET).exists()

    def supplied(p):
        return p.suppliers.filter(organisation=supplier).exists()

    def tagged(p, tag="sikkerhed"):
        return p.tags.filter(slug=tag).exists()

    assert municipality.name == "Aarhus Kommune"
    assert titles(html) == ["OS2faktor", "OS2kitos"]
    assert titles(html) == expected(lambda p, level: tagged(p) and uses(p) and supplied(p))
    assert option_count(html, "emne", "identitet") == len(
        expected(lambda p, level: tagged(p, "identitet") and uses(p) and supplied(p))
    )
    assert option_count(html, "leverandoer", supplier.slug) == len(titles(html))
    # The chosen filters are listed, each with a link that removes only it.
    chosen = parse(html).find("ul", attrs={"aria-label": "Valgte filtre"})
    remove = chosen.find("a", string="Fjern filteret Sikkerhed")["href"]
    assert "emne=" not in remove and f"bruger={municipality.slug}" in remove


def test_search_finds_products_by_name_and_pitch(client):
    assert titles(get(client, "?q=valghalla")) == ["OS2valghalla"]
    assert titles(get(client, "?q=valgsteder")) == ["OS2valghalla"]
    assert titles(get(client, "?q=infoskærme")) == ["OS2display"]
    html = get(client, "?q=ingenting-her-xyz")
    assert titles(html) == []
    assert "Ingen produkter passer" in html


def test_sorting_by_level_and_by_users(client):
    by_level = titles(get(client, "?sortering=niveau"))
    products = {p.title: p for p in ProductPage.objects.live()}
    levels = governance_for(list(products.values()))
    ranks = [-1 if levels[products[t].pk].level is None else levels[products[t].pk].level for t in by_level]
    assert ranks == sorted(ranks, reverse=True)
    assert ranks[0] == 3 and ranks[-1] == -1

    by_users = titles(get(client, "?sortering=brugere"))
    counts = [products[t].joining_agreements.filter(stage=JoiningStage.TILSLUTTET).count() for t in by_users]
    assert counts == sorted(counts, reverse=True)
    assert by_users[0] == "OS2mo" and counts[-1] == 0


def test_unknown_filter_values_and_long_queries_never_fail(client):
    html = get(client, "?niveau=n9&status=<script>&sortering=drop&q=" + "x" * 5000)
    assert "<script>" not in html
    assert titles(get(client, "?niveau=n9")) == titles(get(client))


def test_unpublished_products_are_not_listed(client):
    ProductPage.objects.get(slug="os2agora").unpublish()
    assert "OS2agora" not in titles(get(client))
    assert "OS2agora" not in get(client)


def test_catalogue_has_a_fixed_query_budget(client, django_assert_max_num_queries):
    # Warm the site-root cache and the cards so the count below is what every request costs (the first
    # render of new cards, one query for all of them, is held in tests/test_query_budgets_at_volume.py).
    url = "?status=produkt&sortering=brugere&q=data"
    get(client)
    get(client, url)
    with django_assert_max_num_queries(CATALOGUE_BUDGET) as few:
        get(client, url)
    # More products (with users, tags and suppliers) do not add queries.
    index = ProductIndexPage.in_default_language()
    template = ProductPage.objects.get(slug="os2mo")
    for number in range(5):
        product = ProductPage(title=f"OS2test{number}", slug=f"os2test{number}", tagline="Et testprodukt.")
        for agreement in template.joining_agreements.all():
            product.joining_agreements.add(
                JoiningAgreement(organisation=agreement.organisation, joined_on=agreement.joined_on)
            )
        product.tags.add("Test", f"Emne {number}")
        index.add_child(instance=product)
    get(client, url)
    with django_assert_max_num_queries(CATALOGUE_BUDGET) as more:
        html = get(client, url)
    # The same queries, however many products: a query per product would show here on a small catalogue.
    assert len(more) == len(few)
    with django_assert_max_num_queries(CATALOGUE_BUDGET):
        html = get(client)
    assert "OS2test4" in html
