"""The member directory on the database: Wagtail's database search for the words, the ORM for filters
and facet counts. The embedded default, and the fallback when the engine does not answer."""

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import Lower
from wagtail.search.backends import get_search_backend

from products.models.pages import JoiningStage

from .directory import (
    FACETS_BY_KEY,
    SUGGESTIONS,
    DirectoryResult,
    MemberHit,
    directory_members,
    facet_labels,
    highlight,
)

# How each facet is filtered and grouped in the ORM.
LOOKUPS = {
    "type": "kind",
    "region": "region",
    "bruger": "joining_agreements__product__slug",
    "leverer": "supplied_products__product__slug",
    "aftale": "agreements__kind",
}
# Extra conditions on the related rows a facet counts.
CONDITIONS = {
    "bruger": Q(joining_agreements__product__live=True, joining_agreements__stage=JoiningStage.TILSLUTTET),
    "leverer": Q(supplied_products__product__live=True),
}


def facet_rows(key, organisations):
    """The rows one facet counts, for the given organisations: (queryset, organisation field, value
    field)."""
    from community.models import Agreement
    from products.models import JoiningAgreement, ProductSupplier

    if key == "bruger":
        rows = JoiningAgreement.objects.filter(product__live=True, stage=JoiningStage.TILSLUTTET)
        return rows.filter(organisation__in=organisations.values("pk")), "organisation", "product__slug"
    if key == "leverer":
        rows = ProductSupplier.objects.filter(product__live=True)
        return rows.filter(organisation__in=organisations.values("pk")), "organisation", "product__slug"
    if key == "aftale":
        return Agreement.objects.filter(organisation__in=organisations.values("pk")), "organisation", "kind"
    return organisations, "pk", LOOKUPS[key]


def database_backend():
    return get_search_backend(
        next(
            name
            for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()
            if conf.get("BACKEND", "").startswith("wagtail.search.backends.database")
        )
    )


def database_search_configured():
    """Whether Wagtail's database backend keeps an index (it does unless an engine is configured)."""
    return any(
        conf.get("BACKEND", "").startswith("wagtail.search.backends.database")
        for conf in settings.WAGTAILSEARCH_BACKENDS.values()
    )


class DatabaseDirectory:
    name = "database"

    def matching(self, text, ranked=False):
        """Members whose words match `text`: a queryset, ordered by relevance when `ranked`."""
        members = directory_members()
        if not text:
            return members
        if database_search_configured():
            results = database_backend().search(text, members, operator="and", order_by_relevance=ranked)
            return results.get_queryset()
        # The engine is configured but down: a plain word match on the same fields keeps the
        # directory useful until it is back.
        condition = Q()
        for term in text.split():
            condition &= Q(name__icontains=term) | Q(description__icontains=term) | Q(why_os2__icontains=term)
        return members.filter(condition)

    def filtered(self, base, filters):
        queryset = base
        for key, values in filters.items():
            lookup = LOOKUPS[key]
            condition = Q(**{f"{lookup}__in": values}) & CONDITIONS.get(key, Q())
            queryset = queryset.filter(pk__in=directory_members().filter(condition).values("pk"))
        return queryset

    def search(self, query):
        matched = self.matching(query.text, ranked=query.sort == "relevans")
        ids = matched.values("pk")
        base = directory_members().filter(pk__in=ids) if query.text else directory_members()

        hits_qs = self.filtered(matched if query.sort == "relevans" else base, query.filters)
        if query.sort == "navn":
            hits_qs = hits_qs.order_by(Lower("name"), "pk")
        elif query.sort == "-navn":
            hits_qs = hits_qs.order_by(Lower("name").desc(), "-pk")
        elif query.sort == "nyeste":
            hits_qs = hits_qs.order_by("-member_since", Lower("name"), "pk")
        total = hits_qs.count()
        page = list(
            hits_qs.only("pk", "name", "slug", "kind", "region", "description")[
                query.offset : query.offset + query.per_page
            ]
        )

        facets = {}
        for key in FACETS_BY_KEY:
            narrowed = self.filtered(base, query.filters_except(key))
            rows, owner, value = facet_rows(key, narrowed)
            counted = (
                rows.exclude(**{value: ""}).values(value).annotate(n=Count(owner, distinct=True)).order_by()
            )
            facets[key] = {row[value]: row["n"] for row in counted}

        terms = query.terms
        hits = [
            MemberHit(
                pk=o.pk,
                name=o.name,
                slug=o.slug,
                kind=o.kind,
                region=o.region,
                name_html=highlight(o.name, terms),
                snippet_html=highlight(o.description, terms, length=200),
            )
            for o in page
        ]
        return DirectoryResult(total=total, hits=hits, facets=facets, query=query, labels=facet_labels())

    def autocomplete(self, prefix):
        """Members whose name has a word starting with `prefix`'s words, best first."""
        if not prefix:
            return []
        members = directory_members()
        if database_search_configured():
            found = database_backend().autocomplete(prefix, members, operator="and").get_queryset()
        else:
            condition = Q()
            for term in prefix.split():
                condition &= Q(name__icontains=term)
            found = members.filter(condition).order_by(Lower("name"))
        return [
            {"name": name, "slug": slug} for name, slug in found.values_list("name", "slug")[:SUGGESTIONS]
        ]
