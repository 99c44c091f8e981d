"""The member directory's contract, run against both implementations: the database (the embedded
default) and the search engine over real HTTP (osmem-server). A visitor lists, searches, filters by
facets that combine, sorts and pages through members; every facet count equals the count computed
from the database; suggestions come as JSON; changes to the data show up; any input gets an answer."""

import re
from collections import Counter

import pytest
from django.db.models.functions import Lower

from community.members.models import AgreementKind
from community.models import Agreement, Organisation
from products.models import JoiningAgreement, ProductPage, ProductSupplier
from products.relations import JoiningStage
from search.directory import PER_PAGE, directory_members
from tests.markup import parse, text

pytestmark = pytest.mark.factories


def get(client, **params):
    response = client.get("/medlemmer/", params)
    assert response.status_code == 200
    return response.content.decode()


def slugs(html):
    """The members listed, in order, by the address of each hit's heading link."""
    results = parse(html).find("section", attrs={"aria-labelledby": "results-heading"})
    # The hits are a numbered list, each a card whose heading links to the member's page.
    links = [heading.a for heading in results.ol.find_all("h3")] if results.ol else []
    return [link["href"].removeprefix("/medlemmer/").strip("/") for link in links]


def total(html):
    return int(text(parse(html).find(id="results-heading")).split()[0])


def facet_counts(html, key):
    """{value: count} for one facet, as the visitor hears each link: its label, then the count (the last
    number; a chosen value adds words without one)."""
    section = parse(html).find("section", attrs={"aria-labelledby": f"facet-{key}"})
    if section is None:
        return {}
    links = section.find_all("a", attrs={"data-value": True})
    return {link["data-value"]: int(re.findall(r"\d+", text(link))[-1]) for link in links}


def expected_counts(members, key):
    """The same counts, computed directly from the database without the directory's code."""
    ids = set(members.values_list("pk", flat=True))
    if key == "type":
        return dict(Counter(members.values_list("kind", flat=True)))
    if key == "region":
        return dict(Counter(r for r in members.values_list("region", flat=True) if r))
    if key == "bruger":
        rows = JoiningAgreement.objects.filter(
            organisation_id__in=ids, product__live=True, stage=JoiningStage.TILSLUTTET
        )
    elif key == "leverer":
        rows = ProductSupplier.objects.filter(organisation_id__in=ids, product__live=True)
    else:
        return dict(
            Counter(
                kind
                for kind, _ in set(
                    Agreement.objects.filter(organisation_id__in=ids).values_list("kind", "organisation_id")
                )
            )
        )
    return dict(Counter(slug for slug, _ in set(rows.values_list("product__slug", "organisation_id"))))


def test_lists_every_member_a_page_at_a_time(client, backend):
    members = directory_members()
    html = get(client)
    assert total(html) == members.count()
    assert slugs(html) == list(
        members.order_by(Lower("name"), "pk").values_list("slug", flat=True)[:PER_PAGE]
    )
    second = get(client, page=2)
    assert slugs(second) and not set(slugs(second)) & set(slugs(html))
    assert "Side 2 af" in second
    assert 'rel="prev"' in second


def test_former_members_are_not_listed(client, backend):
    former = Organisation.objects.filter(is_member=False)
    assert not set(former.values_list("slug", flat=True)) & set(slugs(get(client, q="")))
    assert total(get(client)) == Organisation.objects.filter(is_member=True).count()


@pytest.mark.parametrize("key", ["type", "region", "bruger", "leverer", "aftale"])
def test_facet_counts_equal_the_database(client, backend, key):
    html = get(client)
    assert facet_counts(html, key) == expected_counts(directory_members(), key)


def test_facets_combine_and_count_what_a_click_would_show(client, backend):
    html = get(client, type="kommune", region="midtjylland")
    kommuner = directory_members().filter(kind="kommune")
    in_region = directory_members().filter(region="midtjylland")
    assert total(html) == kommuner.filter(region="midtjylland").count() > 0
    # Each facet's counts apply the other facets' choices, not its own.
    assert facet_counts(html, "region") == expected_counts(kommuner, "region")
    assert facet_counts(html, "type") == expected_counts(in_region, "type")
    both = kommuner.filter(region="midtjylland")
    assert facet_counts(html, "bruger") == expected_counts(both, "bruger")
    assert all(slug in set(both.values_list("slug", flat=True)) for slug in slugs(html))


def test_values_of_one_facet_are_alternatives(client, backend):
    html = get(client, region=["midtjylland", "nordjylland"])
    assert total(html) == directory_members().filter(region__in=["midtjylland", "nordjylland"]).count()


def test_products_used_and_supplied_come_from_the_products(client, backend):
    product = ProductPage.objects.live().get(slug="os2mo")
    users = set(
        JoiningAgreement.objects.filter(
            product=product, stage=JoiningStage.TILSLUTTET, organisation__is_member=True
        ).values_list("organisation__slug", flat=True)
    )
    html = get(client, bruger="os2mo")
    assert total(html) == len(users) > 0
    suppliers = set(
        ProductSupplier.objects.filter(product=product, organisation__is_member=True).values_list(
            "organisation__slug", flat=True
        )
    )
    assert set(slugs(get(client, leverer="os2mo"))) == suppliers
    # A former member's supplier record is kept, but it is not listed.
    assert ProductSupplier.objects.filter(product=product, organisation__is_member=False).exists()


def test_agreements_filter(client, backend):
    html = get(client, aftale=AgreementKind.LEVERANDOERPARTNERAFTALE)
    expected = set(
        directory_members()
        .filter(agreements__kind=AgreementKind.LEVERANDOERPARTNERAFTALE)
        .values_list("slug", flat=True)
    )
    assert set(slugs(html)) == expected and expected


def test_search_finds_and_highlights_the_member(client, backend):
    html = get(client, q="Ballerup")
    assert slugs(html)[0] == "ballerup-kommune"
    assert "<mark>Ballerup</mark> Kommune" in html
    assert 'meta name="robots" content="noindex"' in html


def test_words_narrow_each_other(client, backend):
    html = get(client, q="Ballerup Kommune")
    assert slugs(html) == ["ballerup-kommune"]


def test_search_and_facets_combine(client, backend):
    html = get(client, q="kommune", region="nordjylland")
    expected = directory_members().filter(region="nordjylland", name__icontains="kommune")
    assert set(slugs(html)) == set(expected.values_list("slug", flat=True))
    assert total(html) == expected.count()


def test_sorting_newest_members_first(client, backend):
    html = get(client, sort="nyeste")
    dates = dict(directory_members().values_list("slug", "member_since"))
    shown = [dates[slug] for slug in slugs(html)]
    assert shown == sorted(shown, key=lambda d: (d is not None, d), reverse=True)
    assert slugs(get(client, sort="-navn")) == list(
        directory_members().order_by(Lower("name").desc(), "-pk").values_list("slug", flat=True)[:PER_PAGE]
    )


def test_urls_are_bookmarkable_without_javascript(client, backend):
    """The page is plain links and GET forms: following a facet link keeps the words and other facets."""
    html = get(client, q="kommune", type="kommune")
    link = parse(html).find("a", href="?q=kommune&type=kommune&region=nordjylland")
    assert link, "a region link keeps the words and the chosen type"
    assert "Ryd alle filtre" in html


def test_suggestions_as_you_type(client, backend):
    response = client.get("/medlemmer/forslag/", {"q": "Baller"})
    assert response.status_code == 200
    assert {"label": "Ballerup Kommune", "url": "/medlemmer/ballerup-kommune/"} in response.json()[
        "suggestions"
    ]
    assert client.get("/medlemmer/forslag/", {"q": ""}).json() == {"suggestions": []}


def test_changes_show_up(client, backend, django_capture_on_commit_callbacks):
    organisation = Organisation.objects.get(slug="ballerup-kommune")
    with django_capture_on_commit_callbacks(execute=True):
        organisation.name = "Ballerup Kommune Zebrafinke"
        organisation.save()
    assert slugs(get(client, q="Zebrafinke")) == ["ballerup-kommune"]

    used = organisation.joining_agreements.values_list("product_id", flat=True)
    product = ProductPage.objects.live().exclude(pk__in=used).order_by("title").first()
    before = facet_counts(get(client), "bruger").get(product.slug, 0)
    with django_capture_on_commit_callbacks(execute=True):
        JoiningAgreement.objects.create(
            product=product, organisation=organisation, stage=JoiningStage.TILSLUTTET, joined_on="2024-01-01"
        )
    after = facet_counts(get(client), "bruger")
    assert after[product.slug] == before + 1
    assert after == expected_counts(directory_members(), "bruger")
    assert "ballerup-kommune" in slugs(get(client, bruger=product.slug, q="Ballerup"))

    with django_capture_on_commit_callbacks(execute=True):
        organisation.is_member = False
        organisation.save()
    assert slugs(get(client, q="Zebrafinke")) == []


def test_former_members_records_count_for_nobody(client, backend, django_capture_on_commit_callbacks):
    """A former member keeps its joining agreements, supplier records and agreements in the database,
    but no facet counts them, whether the counts apply words and choices or not."""
    organisation = Organisation.objects.get(slug="ballerup-kommune")
    product = ProductPage.objects.live().order_by("title").first()
    with django_capture_on_commit_callbacks(execute=True):
        JoiningAgreement.objects.update_or_create(
            product=product,
            organisation=organisation,
            defaults={"stage": JoiningStage.TILSLUTTET, "joined_on": "2024-01-01"},
        )
        ProductSupplier.objects.get_or_create(product=product, organisation=organisation)
        Agreement.objects.create(organisation=organisation, kind=AgreementKind.FLOSS, signed_on="2024-01-01")
    as_member = get(client)
    with django_capture_on_commit_callbacks(execute=True):
        organisation.is_member = False
        organisation.save()
    everyone = get(client)
    for key, value in [("bruger", product.slug), ("leverer", product.slug), ("aftale", AgreementKind.FLOSS)]:
        assert facet_counts(everyone, key).get(value, 0) == facet_counts(as_member, key)[value] - 1
        assert facet_counts(everyone, key) == expected_counts(directory_members(), key)
    in_region = get(client, region=organisation.region)
    members_in_region = directory_members().filter(region=organisation.region)
    for key in ["bruger", "leverer", "aftale"]:
        assert facet_counts(in_region, key) == expected_counts(members_in_region, key)


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"'},
        {"q": "AND OR NOT ( ) * ~ ^ : / [ ]"},
        {"q": "a" * 10_000},
        {"q": "\x00\x01\x1f"},
        {"q": "æøå ÆØÅ 🙂 日本"},
        {"q": "<script>alert(1)</script>"},
        {"q": "it's NEAR(a b) -x +y OR"},
        {"page": "x"},
        {"page": "999999"},
        {"page": "-3"},
        {"sort": "drop table"},
        {"type": "findes-ikke", "region": "<b>"},
        {"bruger": "x" * 5000},
    ],
)
def test_any_input_gets_an_answer(client, backend, params):
    response = client.get("/medlemmer/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<b>" not in html.split("<main", 1)[-1]
    assert client.get("/medlemmer/forslag/", {"q": params.get("q", "")}).status_code == 200
