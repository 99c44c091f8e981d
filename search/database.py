"""The member directory on the database: Wagtail's database search finds the words, the ORM filters
and counts facets. The embedded default, and the fallback when the engine does not answer."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from wagtail.search.backends import get_search_backend

from community.models import Agreement, Organisation
from products.models import JoiningAgreement, ProductSupplier
from products.models.pages import JoiningStage

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
    highlight,
    live_products,
)

# Facets read from the organisation's own fields; the others come from related records.
OWN_FIELDS = {"type": "kind", "region": "region"}
RELATED = {
    "bruger": ("joining_agreements", "product_id"),
    "leverer": ("supplied_products", "product_id"),
    "aftale": ("agreements", "kind"),
}


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
    from django.contrib.contenttypes.models import ContentType

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
        """The related records one facet counts, and the field holding the facet's value."""
        if key == "aftale":
            rows = Agreement.objects.all()
            return (rows.filter(kind__in=values) if values is not None else rows), "kind"
        ids = [pk for pk, slug, _ in products if values is None or slug in values]
        if key == "bruger":
            rows = JoiningAgreement.objects.filter(stage=JoiningStage.TILSLUTTET, product_id__in=ids)
        else:
            rows = ProductSupplier.objects.filter(product_id__in=ids)
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
            base = base.filter(pk__in=ranked)

        hits_qs = self.narrowed(base, query.filters, products)
        fields = ("pk", "name", "slug", "kind", "region", "description")
        if query.sort == "relevans" and ranked is not None:
            if "ordered" not in cached:
                allowed = set(hits_qs.values_list("pk", flat=True))
                cached["ordered"] = [pk for pk in dict.fromkeys(ranked) if pk in allowed]
                cached["total"] = len(cached["ordered"])
            page_ids = cached["ordered"][query.offset : query.offset + query.per_page]
            found = Organisation.objects.only(*fields).in_bulk(page_ids)
            page = [found[pk] for pk in page_ids if pk in found]
        else:
            ordering = {
                "-navn": [Lower("name").desc(), "-pk"],
                "nyeste": [F("member_since").desc(nulls_last=True), Lower("name"), "pk"],
            }.get(query.sort, [Lower("name"), "pk"])
            hits_qs = hits_qs.order_by(*ordering)
            if "total" not in cached:
                cached["total"] = hits_qs.count()
            page = list(hits_qs.only(*fields)[query.offset : query.offset + query.per_page])

        if "facets" not in cached:
            cached["facets"] = self.facet_counts(base, query, products)
        cache.set(key, cached, COUNTS_TIMEOUT)
        return self.result(query, page, cached["total"], cached["facets"], products)

    def facet_counts(self, base, query, products):
        """Each facet's counts, applying every chosen facet but its own."""
        slug_by_id = {pk: slug for pk, slug, _ in products}
        facets = {}
        for key in FACETS_BY_KEY:
            narrowed = self.narrowed(base, query.filters_except(key), products)
            if key in OWN_FIELDS:
                field = OWN_FIELDS[key]
                counted = narrowed.exclude(**{field: ""}).values(field).annotate(n=Count("pk")).order_by()
                facets[key] = {row[field]: row["n"] for row in counted}
                continue
            # Counted from the organisations' side, joined through their foreign key index: a
            # product-led plan would probe every (product, organisation) pair.
            relation, field = RELATED[key]
            condition = {f"{relation}__isnull": False}
            if key == "bruger":
                condition[f"{relation}__stage"] = JoiningStage.TILSLUTTET
            path = f"{relation}__{field}"
            # One joining agreement per product and organisation (a unique constraint): no DISTINCT.
            count = Count("pk") if key == "bruger" else Count("pk", distinct=True)
            counted = narrowed.filter(**condition).values(path).annotate(n=count).order_by()
            if field == "product_id":  # unpublished products are left out here, not in the join
                facets[key] = {slug_by_id[row[path]]: row["n"] for row in counted if row[path] in slug_by_id}
            else:
                facets[key] = {row[path]: row["n"] for row in counted}

        return facets

    def result(self, query, page, total, facets, products):
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
