"""The member directory on the database: Wagtail's database search finds the words, the ORM filters
and counts facets. The embedded default, and the fallback when the engine does not answer."""

from collections import Counter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, F, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from wagtail.search.backends import get_search_backend

from community.models import Agreement, Organisation
from os2site.caches import pages as cache
from products.models import JoiningAgreement, ProductSupplier
from products.relations import JoiningStage

from .directory import (
    COUNTS_TIMEOUT,
    FACETS_BY_KEY,
    SUGGESTIONS,
    DirectoryQuery,
    DirectoryResult,
    MemberHit,
    counts_key,
    directory_members,
    facet_labels,
    former_members,
    highlight,
    live_products,
)

# Facets read from the organisation's own fields; the others come from related records (`rows`).
OWN_FIELDS = {"type": "kind", "region": "region"}


def database_backend_name():
    return next(
        (
            name
            for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()
            if conf.get("BACKEND", "").startswith("wagtail.search.backends.database")
        ),
        None,
    )


def sqlite_fts_ids(model, text, autocomplete=False):
    """Ids of `model` objects matching every word of `text` in Wagtail's SQLite full-text index, best
    first. The same index and match as Wagtail's query, but the match runs once and the entries are
    then looked up by key: SQLite otherwise plans Wagtail's join as a full-text match per entry,
    which takes seconds at ten thousand members."""

    words = [word.replace('"', '""') for word in text.split()]
    if not words:
        return []
    columns = "{autocomplete}" if autocomplete else "{title body}"
    last = '"' + words[-1] + '"' + ("*" if autocomplete else "")
    expression = f"{columns} : (" + " AND ".join([*(f'"{w}"' for w in words[:-1]), last]) + ")"
    content_type = ContentType.objects.get_for_model(model)
    sql = (
        "WITH matched AS MATERIALIZED ("
        "  SELECT rowid AS id, rank FROM wagtailsearch_indexentry_fts WHERE wagtailsearch_indexentry_fts MATCH %s"
        ") SELECT entry.object_id FROM matched JOIN wagtailsearch_indexentry entry ON entry.id = matched.id"
        " WHERE entry.content_type_id = %s ORDER BY matched.rank"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, content_type.pk])
        return [int(row[0]) for row in cursor.fetchall()]


def one_of(ids):
    """The condition that an object's id is one of `ids`, passed to the database as one array on
    PostgreSQL and as the parameters of one raw expression elsewhere: Django's `__in` prepares each
    value on its own, and PostgreSQL plans each, which takes milliseconds for the thousands of members
    a common word matches, in each of the queries that apply it."""
    if not ids:
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        return Q(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [list(ids)]))  # noqa: S611 - one parameter
    return Q(pk__in=RawSQL(", ".join(["%s"] * len(ids)), ids))  # noqa: S611 - placeholders only


def grouped_counts(rows, field, count):
    """{value of `field`: `count`} over `rows`."""
    return dict(rows.values_list(field).annotate(n=count).order_by().values_list(field, "n"))


class DatabaseDirectory:
    name = "database"

    def matched_ids(self, text, autocomplete=False):
        """Ids of members matching every word of `text`, best match first."""
        backend_name = database_backend_name()
        members = directory_members()
        if backend_name is None:
            # The engine is configured but does not answer: a plain word match on the same fields
            # keeps the directory useful until it is back.
            condition = Q()
            for term in text.split():
                words = Q(name__icontains=term)
                if not autocomplete:
                    words |= Q(description__icontains=term) | Q(why_os2__icontains=term)
                condition &= words
            return list(members.filter(condition).order_by(Lower("name")).values_list("pk", flat=True))
        if connection.vendor == "sqlite":
            return sqlite_fts_ids(Organisation, text, autocomplete=autocomplete)
        backend = get_search_backend(backend_name)
        search = backend.autocomplete if autocomplete else backend.search
        results = search(text, members, operator="and", order_by_relevance=True)
        return list(results.get_queryset().values_list("pk", flat=True))

    def narrowed(self, base, filters, products):
        """`base` limited to members matching every chosen facet (any of each facet's values)."""
        queryset = base
        for key, values in filters.items():
            if key in OWN_FIELDS:
                queryset = queryset.filter(**{f"{OWN_FIELDS[key]}__in": values})
            else:
                rows, _ = self.rows(key, products, values)
                queryset = queryset.filter(pk__in=rows.values("organisation_id"))
        return queryset

    def rows(self, key, products, values=None):
        """The related records one facet counts (all of them without `values`), and the field holding
        the facet's value."""
        if key == "aftale":
            rows = Agreement.objects.all()
            return (rows.filter(kind__in=values) if values is not None else rows), "kind"
        if key == "bruger":
            rows = JoiningAgreement.objects.filter(stage=JoiningStage.TILSLUTTET)
        else:
            rows = ProductSupplier.objects.all()
        if values is not None:
            rows = rows.filter(product_id__in=[pk for pk, slug, _ in products if slug in values])
        return rows, "product_id"

    def search(self, query):
        """One page of hits with total and facet counts. What only changes with the data (the members
        matching the words, the ranked hits, the counts) is cached per data version, so paging and
        re-sorting cost one small query."""
        products = live_products()
        key = counts_key(query)
        cached = cache.get(key) or {}
        ranked = None
        if query.text:
            words_key = counts_key(DirectoryQuery(text=query.text)) + ":ids"
            ranked = cache.get(words_key)
            if ranked is None:
                ranked = self.matched_ids(query.text)
                cache.set(words_key, ranked, COUNTS_TIMEOUT)
        base = directory_members()
        if ranked is not None:
            base = base.filter(one_of(ranked))

        if "facets" not in cached:
            cached["facets"], cached["total"] = self.facet_counts(base, query, products, ranked is None)
        hits_qs = self.narrowed(base, query.filters, products)
        fields = ("pk", "name", "slug", "kind", "region", "description")
        if query.sort == "relevans" and ranked is not None:
            if "ordered" not in cached:
                allowed = set(hits_qs.order_by().values_list("pk", flat=True))
                cached["ordered"] = [pk for pk in dict.fromkeys(ranked) if pk in allowed]
            page_ids = cached["ordered"][query.offset : query.offset + query.per_page]
            found = {row["pk"]: row for row in Organisation.objects.filter(pk__in=page_ids).values(*fields)}
            page = [found[pk] for pk in page_ids if pk in found]
        else:
            ordering = {
                "-navn": [Lower("name").desc(), "-pk"],
                "nyeste": [F("member_since").desc(nulls_last=True), Lower("name"), "pk"],
            }.get(query.sort, [Lower("name"), "pk"])
            offset = query.offset
            page = list(hits_qs.order_by(*ordering).values(*fields)[offset : offset + query.per_page])
        cache.set(key, cached, COUNTS_TIMEOUT)
        return self.result(query, page, cached["total"], cached["facets"], products)

    def facet_counts(self, base, query, products, everyone):
        """Each facet's counts, applying every chosen facet but its own, and the total: the members
        counted by type, with the chosen types if any, are the members the page lists. `everyone`
        says that `base` is every current member (no words)."""
        slug_by_id = {pk: slug for pk, slug, _ in products}
        facets = {}
        for key in FACETS_BY_KEY:
            others = query.filters_except(key)
            members = self.narrowed(base, others, products)
            if key in OWN_FIELDS:
                field = OWN_FIELDS[key]
                facets[key] = grouped_counts(members, field, Count("pk"))
                continue
            # Counted on the related records alone, probing an index on (organisation, value) for
            # each member's id without reading the organisations' rows.
            rows, field = self.rows(key, products)
            # One joining agreement or supplier record per product and organisation (unique
            # constraints); an organisation may have signed two agreements of one kind.
            count = Count("organisation_id", distinct=key == "aftale")
            if everyone and not others:
                # Every current member: all records less the former members', who are few, so the
                # index is probed for a few organisations instead of nearly all.
                counted = Counter(grouped_counts(rows, field, count))
                counted.subtract(
                    grouped_counts(
                        rows.filter(organisation_id__in=former_members().values("pk")), field, count
                    )
                )
            else:
                counted = grouped_counts(rows.filter(organisation_id__in=members.values("pk")), field, count)
            if field == "product_id":  # unpublished products are left out here, not in the query
                counted = {slug_by_id[value]: n for value, n in counted.items() if value in slug_by_id}
            facets[key] = {value: n for value, n in counted.items() if n}
        chosen_kinds = query.filters.get("type")
        total = sum(n for kind, n in facets["type"].items() if not chosen_kinds or kind in chosen_kinds)
        for key in OWN_FIELDS:
            facets[key].pop("", None)  # a member without a region is counted, but not as a region
        return facets, total

    def result(self, query, page, total, facets, products):
        terms = query.terms
        hits = [
            MemberHit(
                pk=o["pk"],
                name=o["name"],
                slug=o["slug"],
                kind=o["kind"],
                region=o["region"],
                name_html=highlight(o["name"], terms),
                snippet_html=highlight(o["description"], terms, length=200),
            )
            for o in page
        ]
        return DirectoryResult(
            total=total, hits=hits, facets=facets, query=query, labels=facet_labels(products)
        )

    def autocomplete(self, prefix):
        """Members with a word in their name starting with what was typed, best first."""
        if not prefix:
            return []
        ids = self.matched_ids(prefix, autocomplete=True)
        members = directory_members().filter(pk__in=ids[:200]).in_bulk()
        found = [members[pk] for pk in dict.fromkeys(ids) if pk in members][:SUGGESTIONS]
        return [{"name": o.name, "slug": o.slug} for o in found]
