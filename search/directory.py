"""The member directory's interface, shared by its two implementations.

A visitor's request becomes a `DirectoryQuery`; an implementation (`search.database.DatabaseDirectory`
or `search.engine.EngineDirectory`) answers it with a `DirectoryResult`: one page of hits with
highlighted matches, the total, and facet counts. Facets combine: values within one facet are
alternatives (OR), facets narrow each other (AND), and each facet's counts apply every other facet's
choice, so a count always says how many members a click on it would show.
"""

import hashlib
import html
import json
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from community.members.models import AgreementKind
from community.models import Agreement, Organisation, OrganisationKind, Region
from home.forms import clean_query
from os2site import page_cache
from products.models import JoiningAgreement, ProductPage, ProductSupplier
from products.relations import JoiningStage

PER_PAGE = 20
SUGGESTIONS = 8


class SearchUnavailable(Exception):
    """The search engine did not answer (down, slow or refusing); the database still can."""


@dataclass(frozen=True)
class Facet:
    key: str  # the URL parameter
    label: str
    field: str  # the member document's field


FACETS = [
    Facet("type", _("Type"), "kind"),
    Facet("region", _("Region"), "region"),
    Facet("bruger", _("Bruger produktet"), "products_used"),
    Facet("leverer", _("Leverer til produktet"), "products_supplied"),
    Facet("aftale", _("Aftaler"), "agreements"),
]
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}

SORTS = {
    "relevans": _("Bedste match"),
    "navn": _("Navn (A–Å)"),
    "-navn": _("Navn (Å–A)"),
    "nyeste": _("Nyeste medlemmer først"),
}


def fold(text):
    """Lower case without accents, and æ/ø/å as the engine's asciifolding filter spells them."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass
class DirectoryQuery:
    text: str = ""
    filters: dict = field(default_factory=dict)  # facet key -> list of chosen values
    sort: str = ""
    page: int = 1
    per_page: int = PER_PAGE

    @classmethod
    def from_params(cls, params):
        text = clean_query(params.get("q", ""))
        filters = {}
        for facet in FACETS:
            values = sorted({clean_query(v)[:100] for v in params.getlist(facet.key)} - {""})[:20]
            if values:
                filters[facet.key] = values
        sort = params.get("sort", "")
        if sort not in SORTS or (sort == "relevans" and not text):
            sort = "relevans" if text else "navn"
        try:
            page = max(1, min(int(params.get("page", 1)), 10_000))
        except (TypeError, ValueError):
            page = 1
        return cls(text=text, filters=filters, sort=sort, page=page)

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    def filters_except(self, key):
        return {k: v for k, v in self.filters.items() if k != key}

    @property
    def terms(self):
        return [term for term in re.split(r"\W+", self.text) if term]


@dataclass
class MemberHit:
    pk: int
    name: str
    slug: str
    kind: str
    region: str
    name_html: str
    snippet_html: str

    @property
    def kind_label(self):
        return OrganisationKind(self.kind).label if self.kind in OrganisationKind.values else self.kind

    @property
    def region_label(self):
        return Region(self.region).label if self.region in Region.values else ""

    @property
    def url(self):
        # Organisation.get_absolute_url without building an organisation for each hit.
        return reverse("organisation_detail", kwargs={"slug": self.slug})


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class DirectoryResult:
    total: int
    hits: list
    facets: dict  # facet key -> {value: count}
    query: DirectoryQuery
    labels: dict = field(default_factory=dict)  # facet key -> {value: label}

    @cached_property
    def facet_list(self):
        """Each facet with its values, counts and whether chosen; chosen values always shown."""
        listed = []
        for facet in FACETS:
            counts = dict(self.facets.get(facet.key, {}))
            chosen = self.query.filters.get(facet.key, [])
            labels = self.labels.get(facet.key, {})
            for value in chosen:
                counts.setdefault(value, 0)
            values = [
                FacetValue(value, str(labels.get(value, value)), count, value in chosen)
                for value, count in counts.items()
                if value in labels or value in chosen
            ]
            values.sort(key=lambda v: (-v.count, v.label))
            listed.append((facet, values))
        return listed

    @property
    def pages(self):
        return max(1, -(-self.total // self.query.per_page))


def live_products():
    """(id, slug, title) of every product visitors may open: one query. A product behind a login,
    password or group is no facet value, label or filter."""

    return list(ProductPage.objects.visible_to_public().values_list("pk", "slug", "title"))


def facet_labels(products=None):
    """Labels for every facet value: choices for kinds, regions and agreements; product titles."""
    products = {slug: title for _, slug, title in (live_products() if products is None else products)}
    return {
        "type": dict(OrganisationKind.choices),
        "region": dict(Region.choices),
        "bruger": products,
        "leverer": products,
        "aftale": dict(AgreementKind.choices),
    }


def highlight(text, terms, length=None):
    """Escape `text` and wrap each word starting with one of `terms` (accent- and case-insensitive) in
    <mark>. With `length`, cut to a snippet around the first match."""
    folded_terms = [fold(t) for t in terms if t]
    words = list(re.finditer(r"\w+", text))
    matches = [w for w in words if any(fold(w.group()).startswith(t) for t in folded_terms)]
    start, end = 0, len(text)
    if length and len(text) > length:
        first = matches[0].start() if matches else 0
        start = max(0, first - length // 3)
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = min(len(text), start + length)
    parts, position = [], start
    for word in matches:
        if word.start() < start or word.end() > end:
            continue
        parts.append(html.escape(text[position : word.start()]))
        parts.append(f"<mark>{html.escape(word.group())}</mark>")
        position = word.end()
    parts.append(html.escape(text[position:end]))
    snippet = "".join(parts)
    if start > 0:
        snippet = "… " + snippet
    if end < len(text):
        snippet += " …"
    return mark_safe(snippet)  # noqa: S308 - every piece of user text is escaped above


def member_documents(organisations):
    """Flat member documents (dicts) for the given organisations, in four queries however many."""

    organisations = list(organisations)
    ids = [o.pk for o in organisations]
    visible = ProductPage.objects.visible_to_public()
    used, supplied, agreements = {}, {}, {}
    for org_id, slug in JoiningAgreement.objects.filter(
        organisation_id__in=ids, product__in=visible, stage=JoiningStage.TILSLUTTET
    ).values_list("organisation_id", "product__slug"):
        used.setdefault(org_id, set()).add(slug)
    for org_id, slug in ProductSupplier.objects.filter(
        organisation_id__in=ids, product__in=visible
    ).values_list("organisation_id", "product__slug"):
        supplied.setdefault(org_id, set()).add(slug)

    for org_id, kind in Agreement.objects.filter(organisation_id__in=ids).values_list(
        "organisation_id", "kind"
    ):
        agreements.setdefault(org_id, set()).add(kind)
    return [
        {
            "id": o.pk,
            "name": o.name,
            "slug": o.slug,
            "kind": o.kind,
            "region": o.region or "",
            "description": o.description,
            "why_os2": o.why_os2,
            "member_since": o.member_since,
            "products_used": sorted(used.get(o.pk, ())),
            "products_supplied": sorted(supplied.get(o.pk, ())),
            "agreements": sorted(agreements.get(o.pk, ())),
        }
        for o in organisations
    ]


def directory_members():
    """Who the directory lists: current members and partners."""
    return Organisation.objects.filter(is_member=True)


def former_members():
    """Every organisation the directory does not list."""
    return Organisation.objects.filter(is_member=False)


COUNTS_TIMEOUT = 600


def counts_key(query):
    """Cache key of the total and facet counts for the words and filters of `query` (not its page or
    sorting): paging and re-sorting reuse them until the data changes."""
    state = json.dumps([query.text, sorted(query.filters.items())], ensure_ascii=True)
    # Under the page cache's generation, which every change to what the directory shows renews in
    # whichever process made it (os2site.page_cache): the counts are as fresh as a cached page.
    generation = page_cache.current_generation()
    return f"directory:counts:{generation}:{hashlib.sha256(state.encode()).hexdigest()}"


def engine_configured():
    return bool(settings.SEARCH_URL)
