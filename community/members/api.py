"""Member organisations and partners in the open data API (/api/v1/organisations) and as a spreadsheet,
with the member directory's filters. Products are named only where visitors may open them; a former
member keeps its profile but not its contact data."""

import datetime
from collections import defaultdict
from typing import Literal

from django.db.models import Q
from django.http import Http404
from ninja import Field, Query, Router, Schema

from community.members.models import AgreementKind, organisation_url_for_slug
from community.models import Agreement, Organisation, OrganisationKind, Region
from os2site.api import CSV_RESPONSE, Paging, csv_response, page_of, page_schema, responses
from products.models import JoiningAgreement, JoiningStage, ProductPage, ProductSupplier

router = Router(tags=["organisations"])

Kind = Literal[tuple(OrganisationKind.values)]
RegionSlug = Literal[tuple(Region.values)]
AgreementSlug = Literal[tuple(AgreementKind.values)]


class ProductUse(Schema):
    slug: str
    name: str
    stage: Literal["tilsluttet", "tilsagn"]
    joined_on: datetime.date


class ProductSupply(Schema):
    slug: str
    name: str
    role: str


class AgreementOut(Schema):
    kind: AgreementSlug
    kind_name: str
    signed_on: datetime.date
    ends_on: datetime.date | None


class ContactOut(Schema):
    name: str | None
    email: str | None
    phone: str | None


class OrganisationOut(Schema):
    slug: str
    name: str
    url: str
    api_url: str
    kind: Kind
    kind_name: str
    region: RegionSlug | None
    region_name: str | None
    is_member: bool = Field(description="A member or partner now; false for former members.")
    cvr: str | None
    ean: str | None
    website: str | None
    description: str
    why_os2: str
    member_since: datetime.date | None
    contact: ContactOut | None = Field(description="Only for current members and partners.")
    products_used: list[ProductUse]
    products_supplied: list[ProductSupply]
    agreements: list[AgreementOut]


class OrganisationFilters(Schema):
    kind: Kind | None = None
    region: RegionSlug | None = None
    uses: str | None = Field(None, max_length=100, description="Uses the product with this slug.")
    supplies: str | None = Field(None, max_length=100, description="Supplies the product with this slug.")
    agreement: AgreementSlug | None = None
    q: str | None = Field(None, max_length=200, description="Words in the name or description.")


def visible_products():

    return ProductPage.objects.visible_to_public()


def organisations_data(request, organisations):
    """The API's representation of these organisations (model instances), in their order."""

    ids = [o.pk for o in organisations]
    used, supplied, agreements = defaultdict(list), defaultdict(list), defaultdict(list)
    for org_id, stage, joined_on, slug, name in (
        JoiningAgreement.objects.filter(organisation_id__in=ids, product__in=visible_products())
        .order_by("product__title", "pk")
        .values_list("organisation_id", "stage", "joined_on", "product__slug", "product__title")
    ):
        used[org_id].append({"slug": slug, "name": name, "stage": stage, "joined_on": joined_on})
    for org_id, role, slug, name in (
        ProductSupplier.objects.filter(organisation_id__in=ids, product__in=visible_products())
        .order_by("product__title", "pk")
        .values_list("organisation_id", "role", "product__slug", "product__title")
    ):
        supplied[org_id].append({"slug": slug, "name": name, "role": role})
    for agreement in Agreement.objects.filter(organisation_id__in=ids).order_by("signed_on", "pk"):
        agreements[agreement.organisation_id].append(
            {
                "kind": agreement.kind,
                "kind_name": agreement.get_kind_display(),
                "signed_on": agreement.signed_on,
                "ends_on": agreement.ends_on,
            }
        )
    profile_url = organisation_url_for_slug()
    return [
        {
            "slug": o.slug,
            "name": o.name,
            "url": request.build_absolute_uri(profile_url(o.slug)),
            "api_url": request.build_absolute_uri(f"/api/v1/organisations/{o.slug}"),
            "kind": o.kind,
            "kind_name": o.get_kind_display(),
            "region": o.region or None,
            "region_name": o.get_region_display() if o.region else None,
            "is_member": o.is_member,
            "cvr": o.cvr or None,
            "ean": o.ean or None,
            "website": o.website or None,
            "description": o.description,
            "why_os2": o.why_os2,
            "member_since": o.member_since,
            "contact": contact(o),
            "products_used": used[o.pk],
            "products_supplied": supplied[o.pk],
            "agreements": agreements[o.pk],
        }
        for o in organisations
    ]


def contact(organisation):
    """The contact the profile shows; a former member's contact data is not published."""
    if not organisation.is_member or not (
        organisation.contact_name or organisation.contact_email or organisation.contact_phone
    ):
        return None
    return {
        "name": organisation.contact_name or None,
        "email": organisation.contact_email or None,
        "phone": organisation.contact_phone or None,
    }


def filtered(filters):

    members = Organisation.objects.filter(is_member=True)
    if filters.kind:
        members = members.filter(kind=filters.kind)
    if filters.region:
        members = members.filter(region=filters.region)
    if filters.uses:
        members = members.filter(
            pk__in=JoiningAgreement.objects.filter(
                product__in=visible_products().filter(slug=filters.uses), stage=JoiningStage.TILSLUTTET
            ).values("organisation_id")
        )
    if filters.supplies:
        members = members.filter(
            pk__in=ProductSupplier.objects.filter(
                product__in=visible_products().filter(slug=filters.supplies)
            ).values("organisation_id")
        )
    if filters.agreement:
        members = members.filter(agreements__kind=filters.agreement).distinct()
    for word in (filters.q or "").replace("\x00", "").split():
        members = members.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return members.order_by("name", "pk")


@router.get(
    "/organisations",
    response=responses(page_schema(OrganisationOut)),
    summary="Member organisations and partners",
    operation_id="list_organisations",
)
def list_organisations(request, filters: Query[OrganisationFilters], paging: Query[Paging]):
    """Current members and partners, by name, with the member directory's filters (combined with AND)."""
    return page_of(request, filtered(filters), paging, lambda page: organisations_data(request, page))


@router.get(
    "/organisations/{slug}",
    response=responses(OrganisationOut, 404),
    summary="One organisation",
    operation_id="get_organisation",
)
def get_organisation(request, slug: str):
    """Any organisation with a profile on the site, former members included."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisations_data(request, [organisation])[0]


@router.get(
    "/organisations.csv",
    summary="Organisations as CSV",
    operation_id="organisations_csv",
    openapi_extra=CSV_RESPONSE,
)
def organisations_csv(request):
    """One row per current member or partner: kind, region, CVR, EAN, website, member since, and the
    products it uses and supplies (their slugs, separated by commas)."""
    members = list(Organisation.objects.filter(is_member=True).order_by("name", "pk"))
    data = organisations_data(request, members)
    return csv_response(
        "os2-organisationer.csv",
        ["slug", "navn", "type", "region", "CVR", "EAN", "websted", "medlem siden", "bruger", "leverer til"],
        [
            [
                o["slug"],
                o["name"],
                o["kind_name"],
                o["region_name"] or "",
                o["cvr"] or "",
                o["ean"] or "",
                o["website"] or "",
                o["member_since"].isoformat() if o["member_since"] else "",
                ", ".join(p["slug"] for p in o["products_used"] if p["stage"] == "tilsluttet"),
                ", ".join(p["slug"] for p in o["products_supplied"]),
            ]
            for o in data
        ],
    )
