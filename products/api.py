"""Products in the open data API (/api/v1/products) and as spreadsheets: only products an anonymous
visitor may open (`ProductPage.objects.visible_to_public`), with the catalogue's filters.

A page of products is read in a fixed number of queries however many it holds: the products, then
each kind of related row (tags, assessments, contacts, joinings, suppliers, prices) for the whole page
at once."""

import datetime
from collections import defaultdict
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema

from os2site.api import CSV_RESPONSE, Data, Named, Paging, csv_response, page_of, page_schema, responses

from .governance import governance_for, level_slug, levels_for
from .models import (
    JoiningAgreement,
    JoiningPrice,
    JoiningStage,
    MunicipalitySize,
    ProductContact,
    ProductPage,
    ProductPageTag,
    ProductSupplier,
    Rating,
)

router = Router(tags=["products"])

LevelSlug = Literal["sandkasse", "n1", "n2", "n3", "ingen"]
Status = Literal["projekt", "produkt", "udfaset"]


class Texts(Data):
    da: str
    en: str


class Criterion(Data):
    code: str
    theme: str
    theme_name: str
    level: LevelSlug
    text: str
    mandatory: bool
    rating: Literal["groen", "gul", "roed"] | None = Field(description="The latest assessment; null if none.")
    rating_name: str | None
    passes: bool
    evidence_url: str | None
    note: str | None
    assessed_on: datetime.date | None


class LevelChange(Data):
    date: datetime.date
    level: LevelSlug
    level_name: str


class Governance(Data):
    level: LevelSlug
    level_name: str
    explanation: str
    last_assessed: datetime.date | None
    criteria: list[Criterion]
    history: list[LevelChange] = Field(description="Level changes, newest first.")


class Contact(Data):
    name: str
    title: str
    organisation: str | None
    email: str | None
    phone: str | None
    role: str
    role_name: str


class Joining(Data):
    organisation: Named
    stage: Literal["tilsluttet", "tilsagn"] = Field(
        description="tilsluttet: uses it; tilsagn: has pledged to."
    )
    joined_on: datetime.date


class Supplier(Data):
    organisation: Named
    role: str
    contract_until: datetime.date | None


class Price(Data):
    size: str
    size_name: str
    member: bool = Field(description="The price for OS2 members (true) or others (false).")
    joining_fee: int = Field(description="Once, in DKK.")
    yearly_fee: int = Field(description="Every year, in DKK.")


class Product(Data):
    slug: str
    name: str
    url: str = Field(description="The product's page on the site.")
    api_url: str
    publiccode_url: str
    tagline: Texts
    description: Texts
    status: Status
    status_name: str
    licence: str
    repository_url: str | None
    documentation_url: str | None
    roadmap_url: str | None
    categories: list[str]
    tags: list[Named]
    governance: Governance
    contacts: list[Contact]
    users: list[Joining] = Field(description="Organisations that use the product or have pledged to.")
    suppliers: list[Supplier]
    prices: list[Price]
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


ProductPage_ = page_schema(Product)


class ProductFilters(Schema):
    level: LevelSlug | None = Field(None, description="Governance level reached.")
    status: Status | None = None
    tag: str | None = Field(None, max_length=100, description="A tag's slug.")
    user: str | None = Field(None, max_length=100, description="Used by the organisation with this slug.")
    supplier: str | None = Field(
        None, max_length=100, description="Supplied by the organisation with this slug."
    )
    q: str | None = Field(None, max_length=200, description="Words in the name, tagline or text.")


def filtered(filters):
    """Ids of the visible products the filters match, in a stable order (name, then id)."""
    products = ProductPage.objects.visible_to_public()
    if filters.status:
        products = products.filter(status=filters.status)
    if filters.tag:
        products = products.filter(tagged_items__tag__slug=filters.tag)
    if filters.user:
        products = products.filter(
            joining_agreements__organisation__slug=filters.user,
            joining_agreements__stage=JoiningStage.TILSLUTTET,
        )
    if filters.supplier:
        products = products.filter(suppliers__organisation__slug=filters.supplier)
    query = (filters.q or "").replace("\x00", "").strip()
    rows = list(products.order_by("title", "pk").values_list("pk", "title", "tagline"))
    if query:
        found = {p.pk for p in ProductPage.objects.visible_to_public().search(query)}
        needle = query.casefold()
        rows = [row for row in rows if row[0] in found or needle in f"{row[1]} {row[2]}".casefold()]
    ids = list(dict.fromkeys(row[0] for row in rows))
    if filters.level:
        levels = levels_for([ProductPage(pk=pk) for pk in ids])
        ids = [pk for pk in ids if levels[pk].slug == filters.level]
    return ids


def public_products_named(ids):
    """The public products among `ids`, by id, as the API names them (slug and name): for the other
    resources that point to products (ideas, projects)."""
    return {
        pk: {"slug": slug, "name": title}
        for pk, slug, title in ProductPage.objects.visible_to_public()
        .filter(pk__in=ids)
        .values_list("pk", "slug", "title")
    }


def _organisations_by_product(model, ids, **fields):
    """Per product, the organisations `model` links to it (its users, its suppliers) by name, each with
    `fields` (the API's name for each of the model's fields)."""
    grouped = defaultdict(list)
    for product_id, slug, name, *values in (
        model.objects.filter(product_id__in=ids)
        .order_by("organisation__name", "pk")
        .values_list("product_id", "organisation__slug", "organisation__name", *fields.values())
    ):
        grouped[product_id].append(
            {"organisation": {"slug": slug, "name": name}, **dict(zip(fields, values, strict=True))}
        )
    return grouped


def products_data(request, ids):
    """The API's representation of the products with these ids, in that order."""
    products = {
        p.pk: p for p in ProductPage.objects.filter(pk__in=ids).defer_streamfields().select_related("locale")
    }
    products = [products[pk] for pk in ids if pk in products]
    tags = defaultdict(list)
    for product_id, slug, name in (
        ProductPageTag.objects.filter(content_object_id__in=ids)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__slug", "tag__name")
    ):
        tags[product_id].append({"slug": slug, "name": name})
    contacts = defaultdict(list)
    for contact in (
        ProductContact.objects.filter(product_id__in=ids)
        .select_related("person__organisation")
        .order_by("sort_order", "pk")
    ):
        person = contact.person
        contacts[contact.product_id].append(
            {
                "name": person.name,
                "title": person.title,
                "organisation": person.organisation.name if person.organisation_id else None,
                "email": person.email or None,
                "phone": person.phone or None,
                "role": contact.role,
                "role_name": contact.get_role_display(),
            }
        )
    users = _organisations_by_product(JoiningAgreement, ids, stage="stage", joined_on="joined_on")
    suppliers = _organisations_by_product(ProductSupplier, ids, role="role", contract_until="contract_until")
    prices = defaultdict(list)
    for price in sorted(JoiningPrice.objects.filter(product_id__in=ids), key=price_order):
        prices[price.product_id].append(
            {
                "size": price.size,
                "size_name": price.get_size_display(),
                "member": price.member,
                "joining_fee": price.joining_fee,
                "yearly_fee": price.yearly_fee,
            }
        )
    governance = governance_for(products)
    # What the API says of each criterion, and the ratings' names, are the same for every product: worked
    # out once per answer (a translated label's display took most of a long list's time).
    criteria = criteria_facts(next(iter(governance.values()))) if governance else []
    rating_names = {value: str(label) for value, label in Rating.choices}
    return [
        {
            "slug": p.slug,
            "name": p.title,
            "url": request.build_absolute_uri(p.get_url(request)),
            "api_url": request.build_absolute_uri(f"/api/v1/products/{p.slug}"),
            "publiccode_url": request.build_absolute_uri(f"/produkter/{p.slug}/publiccode.yml"),
            "tagline": {"da": p.tagline, "en": p.tagline_en},
            "description": {"da": p.introduction, "en": p.introduction_en},
            "status": p.status,
            "status_name": p.get_status_display(),
            "licence": p.licence,
            "repository_url": p.repository_url or None,
            "documentation_url": p.documentation_url or None,
            "roadmap_url": p.roadmap_url or None,
            "categories": p.category_list(),
            "tags": tags[p.pk],
            "governance": governance_data(governance[p.pk], criteria, rating_names),
            "contacts": contacts[p.pk],
            "users": users[p.pk],
            "suppliers": suppliers[p.pk],
            "prices": prices[p.pk],
            "first_published_at": p.first_published_at,
            "last_published_at": p.last_published_at,
        }
        for p in products
    ]


SIZES = list(MunicipalitySize.values)


def price_order(price):
    """Smallest municipalities first, the members' price before the others'."""
    return (SIZES.index(price.size), not price.member)


def criteria_facts(governance):
    """[(criterion, what the API says of it but its assessment)] in the checklist's order (by theme, then
    number), which is the same for every product."""
    return [
        (
            row["criterion"],
            {
                "code": row["criterion"].code,
                "theme": row["criterion"].theme,
                "theme_name": row["criterion"].get_theme_display(),
                "level": level_slug(row["criterion"].level),
                "text": row["criterion"].text,
                "mandatory": row["criterion"].mandatory,
            },
        )
        for theme in governance.checklist()
        for row in theme["rows"]
    ]


def governance_data(governance, criteria, rating_names):
    """`criteria` from `criteria_facts`; `rating_names`: {rating: its name in the active language}."""
    criteria_data = []
    for criterion, facts in criteria:
        assessment = governance.latest.get(criterion.pk)
        criteria_data.append(
            {
                **facts,
                "rating": assessment.rating if assessment else None,
                "rating_name": rating_names[assessment.rating] if assessment else None,
                "passes": bool(assessment and assessment.passes),
                "evidence_url": (assessment.evidence_url or None) if assessment else None,
                "note": (assessment.note or None) if assessment else None,
                "assessed_on": assessment.assessed_on if assessment else None,
            }
        )
    return {
        "level": governance.slug,
        "level_name": str(governance.label),
        "explanation": governance.explanation,
        "last_assessed": governance.last_assessed,
        "criteria": criteria_data,
        "history": [
            {"date": change.date, "level": level_slug(change.level), "level_name": str(change.label)}
            for change in governance.history()
        ],
    }


@router.get("/products", response=responses(ProductPage_), summary="Products", operation_id="list_products")
def list_products(request, filters: Query[ProductFilters], paging: Query[Paging]):
    """Every product visitors may open, by name, with the catalogue's filters (combined with AND)."""
    return page_of(request, filtered(filters), paging, lambda ids: products_data(request, ids), Product)


@router.get(
    "/products/{slug}", response=responses(Product, 404), summary="One product", operation_id="get_product"
)
def get_product(request, slug: str):
    product = ProductPage.objects.visible_to_public().filter(slug=slug).values_list("pk", flat=True).first()
    if product is None:
        raise Http404
    return products_data(request, [product])[0]


# --- spreadsheets ------------------------------------------------------------------------------------


def visible_products():
    return ProductPage.objects.visible_to_public().order_by("title", "pk")


@router.get(
    "/products.csv", summary="Products as CSV", operation_id="products_csv", openapi_extra=CSV_RESPONSE
)
def products_csv(request):
    """One row per product: name, status, level, licence, addresses, number of users and suppliers."""
    products = list(visible_products().defer_streamfields())
    levels = levels_for(products)
    users = defaultdict(int)
    for product_id in JoiningAgreement.objects.filter(
        product__in=visible_products(), stage=JoiningStage.TILSLUTTET
    ).values_list("product_id", flat=True):
        users[product_id] += 1
    suppliers = defaultdict(int)
    for product_id in ProductSupplier.objects.filter(product__in=visible_products()).values_list(
        "product_id", flat=True
    ):
        suppliers[product_id] += 1
    header = [
        "slug",
        "navn",
        "kort beskrivelse",
        "status",
        "governanceniveau",
        "licens",
        "adresse",
        "kodearkiv",
    ]
    header += ["brugere", "leverandører"]
    rows = [
        [
            p.slug,
            p.title,
            p.tagline,
            p.get_status_display(),
            levels[p.pk].label,
            p.licence,
            request.build_absolute_uri(p.get_url(request)),
            p.repository_url,
            users[p.pk],
            suppliers[p.pk],
        ]
        for p in products
    ]
    return csv_response("os2-produkter.csv", header, rows)


@router.get(
    "/joinings.csv",
    summary="Users of products as CSV",
    operation_id="joinings_csv",
    openapi_extra=CSV_RESPONSE,
)
def joinings_csv(request):
    """One row per organisation and product it uses (tilsluttet) or has pledged to (tilsagn)."""
    rows = (
        JoiningAgreement.objects.filter(product__in=visible_products())
        .order_by("product__title", "organisation__name", "pk")
        .values_list(
            "product__slug",
            "product__title",
            "organisation__slug",
            "organisation__name",
            "stage",
            "joined_on",
        )
    )
    stages = dict(JoiningStage.choices)
    return csv_response(
        "os2-tilslutninger.csv",
        ["produkt (slug)", "produkt", "organisation (slug)", "organisation", "trin", "dato"],
        [[*row[:4], stages[row[4]], row[5].isoformat()] for row in rows],
    )


@router.get("/prices.csv", summary="Prices as CSV", operation_id="prices_csv", openapi_extra=CSV_RESPONSE)
def prices_csv(request):
    """One row per product, municipality size and membership: the joining fee and the yearly fee in DKK."""
    prices = JoiningPrice.objects.filter(product__in=visible_products()).select_related("product")
    prices = sorted(prices, key=lambda p: (p.product.title, p.product_id, *price_order(p)))
    return csv_response(
        "os2-priser.csv",
        [
            "produkt (slug)",
            "produkt",
            "kommunestørrelse",
            "medlem af OS2",
            "engangsbeløb (kr.)",
            "årlig betaling (kr.)",
        ],
        [
            [
                p.product.slug,
                p.product.title,
                p.get_size_display(),
                "ja" if p.member else "nej",
                p.joining_fee,
                p.yearly_fee,
            ]
            for p in prices
        ],
    )
