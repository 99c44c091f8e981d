"""The product catalogue's filters, counts and sorting.

Everything the catalogue needs is loaded in a fixed number of queries, with each product's card rendered
once, and kept as a cached part (see os2site.page_cache); each request only filters it in Python: the
governance level is computed (never stored), and the catalogue holds a few hundred products at most. Counts
beside each filter value are facet counts: how many products would match if that value were chosen
together with every other active filter.
"""

import html
import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache, partial
from urllib.parse import urlencode

from django.db import connections
from django.db.models import Count, Q
from django.template.context import make_context
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from home.forms import clean_query
from os2site.caches import pages as cache
from os2site.page_cache import cached_part, digest, kept_by_what_it_shows, part_generation, templates_digest

from .governance import LEVEL_SLUGS, UNRATED_SLUG, ProductGovernance, level_label, levels_for
from .relations import JoiningAgreement, JoiningStage, ProductPageTag, ProductStatus, ProductSupplier

FACETS = [
    ("niveau", _("Governanceniveau")),
    ("status", _("Status")),
    ("emne", _("Emne")),
    ("bruger", _("Bruges af")),
    ("leverandoer", _("Leverandør")),
]
SORTS = [
    ("navn", _("Navn")),
    ("niveau", _("Governanceniveau")),
    ("brugere", _("Antal brugere")),
]
MAX_QUERY_LENGTH = 200
CARD_TEMPLATE = "products/product_page.card.html"
# The templates a card is made of: a change to any of them (a new release) makes every card new.
CARD_TEMPLATES = [CARD_TEMPLATE, "components/card.html", "components/governance_badge.html"]
CARD_PREFIX = "catalogue-card:v1:"
# A card is found by everything it shows (see card_key), so a change shows at once and what did not
# change is not rendered again after every editorial change; an hour bounds what a translation
# changed in a new release leaves behind.
CARD_SECONDS = 3600
# What a product's card shows (products/product_page.card.html), its logo included.
CARD_FACTS = [
    "pk",
    "url_path",
    "slug",
    "title",
    "tagline",
    "tagline_en",
    "status",
    *(
        f"logo__{name}"
        for name in (
            "pk",
            "file",
            "file_hash",
            "width",
            "height",
            "focal_point_x",
            "focal_point_y",
            "focal_point_width",
            "focal_point_height",
        )
    ),
]

logger = logging.getLogger(__name__)


@dataclass
class Entry:
    """One product with the facts the catalogue filters on, and its card, rendered once."""

    pk: int
    title: str
    tagline: str
    status: str
    governance: object
    card: str = ""
    # Slugs (-> names while loading; the names then live in the options, once for every product).
    tags: dict | frozenset = field(default_factory=dict)
    users: dict | frozenset = field(default_factory=dict)  # organisations using it
    suppliers: dict | frozenset = field(default_factory=dict)
    user_count: int = 0  # organisations using it
    pledges: int = 0

    @property
    def level(self):
        return self.governance.level

    def values(self, facet):
        if facet == "niveau":
            return {self.governance.slug}
        if facet == "status":
            return {self.status}
        if facet == "emne":
            return self.tags
        if facet == "bruger":
            return self.users
        return self.suppliers


class Catalogue:
    def __init__(self, index_page, request):
        params = request.GET
        self.query = clean_query(params.get("q", ""))[:MAX_QUERY_LENGTH]
        self.sort = params.get("sortering") if params.get("sortering") in dict(SORTS) else "navn"
        # Every product with its facts and card is the same for every visitor: a part cached as fresh as
        # a cached page (see os2site.page_cache), so only the filtering is done for each request.
        everything = partial(
            cached_part, request, "catalogue", [index_page.pk], partial(load, index_page, request)
        )
        if self.sort == "navn" and not self.query and not any(params.get(name) for name, _label in FACETS):
            # As first shown, with nothing chosen: the cards and filters alone, a much smaller part; nothing
            # is filtered, so the facts behind the filters are not needed.
            entries, initial_facets = cached_part(
                request, "catalogue-first-view", [index_page.pk], partial(first_view, index_page, request)
            )
            options, tags, matching, selected = {}, {}, None, {}
        else:
            entries, options, tags, initial_facets = everything()
            matching = self._matching(index_page, entries)
            selected = chosen_filters(params, options)
        self.entries, self.initial_facets = entries, initial_facets
        self.options, self.option_tags = options, tags
        self.matching, self.selected = matching, selected

    def _matching(self, index_page, entries):
        """The products the words match (their text, or their page in the search index); None: all."""
        if not self.query:
            return None
        found = {p.pk for p in index_page.products().search(self.query)}
        needle = self.query.casefold()
        return {
            entry.pk
            for entry in entries
            if entry.pk in found or needle in f"{entry.title} {entry.tagline}".casefold()
        }

    def _matches(self, entry, skip=None):
        if self.matching is not None and entry.pk not in self.matching:
            return False
        return all(value in entry.values(facet) for facet, value in self.selected.items() if facet != skip)

    @property
    def results(self):
        results = [entry for entry in self.entries if self._matches(entry)]
        if self.sort == "niveau":
            results.sort(key=lambda e: (1 if e.level is None else -e.level, e.title.casefold()))
        elif self.sort == "brugere":
            results.sort(key=lambda e: (-e.user_count, e.title.casefold()))
        else:
            results.sort(key=lambda e: e.title.casefold())
        return results

    def facets(self):
        """For each facet: its options with the count of products each would give, all filters combined;
        as first shown (no words, no filter) they come with the cached catalogue."""
        if not self.selected and self.matching is None:
            return self.initial_facets
        return facets(
            self.entries, self.option_tags, lambda entry, skip: self._matches(entry, skip), self.selected
        )

    def query_string(self, **changes):
        params = {"q": self.query, **self.selected, "sortering": self.sort if self.sort != "navn" else ""}
        params.update(changes)
        return urlencode({key: value for key, value in params.items() if value})

    def active_filters(self):
        """The chosen filters, each with a link that removes it."""
        labels = dict(FACETS)
        active = [
            {
                "label": labels[name],
                "value": self.options[name][value],
                "remove": "?" + self.query_string(**{name: ""}),
            }
            for name, value in self.selected.items()
        ]
        if self.query:
            active.insert(
                0, {"label": _("Søgning"), "value": self.query, "remove": "?" + self.query_string(q="")}
            )
        return active

    @property
    def sorts(self):
        return [{"value": value, "label": label, "selected": value == self.sort} for value, label in SORTS]


def card_facts(index_page, products=None):
    """The catalogue's products (`products`, by default `index_page.products()`), by title, as rows of
    what their cards show (`card_key`): the pages themselves are read only for the cards that must be
    rendered."""
    products = index_page.products() if products is None else products
    return list(products.order_by("title").values(*CARD_FACTS))


def new_entries(products):
    """{product id: its Entry}, with its governance level (`products`: rows of `card_facts`)."""
    entries = {
        p["pk"]: Entry(
            pk=p["pk"], title=p["title"], tagline=p["tagline"], status=p["status"], governance=None
        )
        for p in products
    }
    for pk, governance in levels_for(entries.values()).items():
        entries[pk].governance = governance
    return entries


def load(index_page, request):
    """The catalogue's products as entries, in a fixed number of queries, each with its card."""
    products = card_facts(index_page)
    ids = [p["pk"] for p in products]
    entries = new_entries(products)
    # Unordered: the filters sort their options themselves, and sorting tens of thousands of joining
    # agreements by the model's ordering took most of this function's time.
    for product_id, slug, name in (
        ProductPageTag.objects.filter(content_object_id__in=ids)
        .order_by()
        .values_list("content_object_id", "tag__slug", "tag__name")
    ):
        entries[product_id].tags[slug] = name
    for product_id, stage, slug, name in (
        JoiningAgreement.objects.filter(product_id__in=ids)
        .order_by()
        .values_list("product_id", "stage", "organisation__slug", "organisation__name")
    ):
        if stage == JoiningStage.TILSLUTTET:
            entries[product_id].users[slug] = name
        else:
            entries[product_id].pledges += 1
    for product_id, slug, name in (
        ProductSupplier.objects.filter(product_id__in=ids)
        .order_by()
        .values_list("product_id", "organisation__slug", "organisation__name")
    ):
        entries[product_id].suppliers[slug] = name
    for entry in entries.values():
        entry.user_count = len(entry.users)
    render_cards(index_page, products, entries, request)
    entries = list(entries.values())
    options = all_options(entries)
    for entry in entries:
        entry.tags, entry.users, entry.suppliers = map(frozenset, (entry.tags, entry.users, entry.suppliers))
    tags = option_tags(options)
    return entries, options, tags, facets(entries, tags, lambda entry, skip: True, {})


def render_cards(index_page, products, entries, request):
    """Each product's card, from the cache where a card with the same content was rendered before.

    Rendering the 200 cards was most of the catalogue's time after a change (the template, its base card
    and the governance badge for each), while an editorial change alters few cards or none. So each card
    is cached under a key made of everything it shows (card_key); the cards whose key is new are rendered,
    in one template context, so the context processors run once. `products`: rows of `card_facts`."""
    keys = {product["pk"]: card_key(request, product, entries[product["pk"]]) for product in products}
    # As with cached parts: a request the page cache leaves alone (a host of the client's choosing, the
    # cache down) stores nothing, so a flood of made-up hosts cannot fill the cache with cards.
    storing = part_generation(request) is not None
    try:
        found = cache.get_many(list(keys.values())) if storing else {}
    except Exception as error:
        logger.warning("Could not read the catalogue's cached cards: %s", error)
        found = {}
    rendered = {}
    missing = [product["pk"] for product in products if keys[product["pk"]] not in found]
    if missing:
        missing = (
            index_page.products()
            .filter(pk__in=missing)
            .defer_streamfields()  # a card shows none of the page's body
            .select_related("logo")
            .prefetch_related("logo__renditions")
        )
        card = get_template(CARD_TEMPLATE).template
        context = make_context({}, request)
        with context.bind_template(card):
            for product in missing:
                with context.push(entry=entries[product.pk], product=product):
                    rendered[keys[product.pk]] = card.render(context)
        try:
            if storing:
                cache.set_many(rendered, CARD_SECONDS)
        except Exception as error:
            logger.warning("Could not cache the catalogue's cards: %s", error)
    for product in products:
        entries[product["pk"]].card = found.get(keys[product["pk"]]) or rendered[keys[product["pk"]]]


def card_key(request, product, entry):
    """The cache key of a product's card: a digest of every fact the card shows (products/
    product_page.card.html) and of what it is shown in (host, language, the card's templates).
    `product`: a row of `card_facts`."""
    identity = (
        request.get_host(),
        get_language() or "",
        templates_digest(*CARD_TEMPLATES),
        *(product[name] for name in CARD_FACTS),
        *level_texts(entry.governance.level, get_language()),
        entry.user_count,
        entry.pledges,
    )
    return CARD_PREFIX + digest(identity)


@lru_cache(maxsize=64)
def level_texts(level, language):
    """What a card shows of a governance level (label, slug, meaning, explanation), in `language`:
    the same for every product of a level, so translated once rather than for each of 200 cards."""
    governance = ProductGovernance.at_level(level)
    return (
        str(governance.label),
        str(governance.slug),
        str(governance.meaning or ""),
        str(governance.explanation),
    )


def facets(entries, option_tags, matches, selected):
    """For each facet: its <option>s with the count of products each would give, all filters combined
    (`matches(entry, skip=facet)`). The options are HTML made from pieces escaped once (`option_tags`):
    a catalogue can offer thousands of organisations, which a template loop renders many times slower."""
    found = []
    for name, label in FACETS:
        counts = Counter()
        for entry in entries:
            if matches(entry, name):
                counts.update(entry.values(name))
        found.append(facet(name, label, option_tags[name], counts, selected.get(name)))
    return found


def facet(name, label, option_tags, counts, chosen=None):
    """One facet's <option>s, each with its count (`counts`: {value: products})."""
    options = "\n".join(
        f'<option value="{value_html}"{" selected" if value == chosen else ""}>'
        f"{label_html} ({counts[value]:d})</option>"
        for value, value_html, label_html in option_tags
        # The unrated level is offered only where it occurs.
        if not (name == "niveau" and value == UNRATED_SLUG and not counts[value])
    )
    return {"name": name, "label": label, "options_html": mark_safe(options), "selected": chosen}  # noqa: S308 - escaped in option_tags


def chosen_filters(params, options):
    """The filter values chosen in the query string. Unknown values (an old bookmark, a typo) are ignored
    rather than giving an empty page."""
    selected = {}
    for name, _label in FACETS:
        value = params.get(name, "").strip()
        if value and value in options[name]:
            selected[name] = value
    return selected


def first_view(index_page, request):
    """The catalogue with nothing chosen: each product's card by name, without the facts behind the
    filters, and the filters with every product's counts.

    It is what most visitors see, so after a change it is built by itself: the database counts the
    users and pledges of each product and the products of each tag, user and supplier (a row per
    organisation, not one per joining agreement), and the facts the filtering needs (`load`) are read
    only when a visitor filters."""
    in_catalogue = index_page.products()
    products = card_facts(index_page, in_catalogue)
    # The products as a subquery of each count: a list of 200 ids took Django and the database driver
    # longer to write into each query than the database took to read them.
    ids = in_catalogue.values("pk")
    entries = new_entries(products)
    used = Q(stage=JoiningStage.TILSLUTTET)
    # An organisation has at most one joining agreement per product (their constraint), so its users
    # are its agreements counted as they are: counting distinct organisations made PostgreSQL sort the
    # 30,000 agreements within each product.
    for product_id, users, pledges in (
        JoiningAgreement.objects.filter(product_id__in=ids)
        .order_by()
        .values("product_id")
        .annotate(users=Count("pk", filter=used), pledges=Count("pk", filter=~used))
        .values_list("product_id", "users", "pledges")
    ):
        entries[product_id].user_count, entries[product_id].pledges = users, pledges
    counted = {
        "emne": products_per_tag(ids),
        **products_per_organisation(
            bruger=JoiningAgreement.objects.filter(used, product_id__in=ids),
            leverandoer=ProductSupplier.objects.filter(product_id__in=ids),
        ),
    }
    render_cards(index_page, products, entries, request)
    for name, value in (
        ("niveau", lambda entry: entry.governance.slug),
        ("status", lambda entry: entry.status),
    ):
        counted[name] = sorted(Counter(value(entry) for entry in entries.values()).items())
    # Thousands of organisations as <option>s cost more to make than to read: kept across editorial
    # changes while the counts are the same (a changed name or count shows at once).
    initial_facets = kept_by_what_it_shows(
        request, "catalogue-facets:v1", counted, partial(first_facets, counted)
    )
    # The cards are made: of its governance, an entry of the first view needs only the level (to sort
    # by), and each product's assessments would be kept with the part for nothing.
    levels = {
        level: ProductGovernance.at_level(level) for level in {entry.level for entry in entries.values()}
    }
    for entry in entries.values():
        entry.governance = levels[entry.level]
    return sorted(entries.values(), key=lambda entry: entry.title.casefold()), initial_facets


def first_facets(counted):
    """The filters as first shown, with every product's counts (`counted`: {facet: [(value, label,
    number of products)]} of the tags, users and suppliers, and [(value, number of products)] of the
    levels and statuses)."""
    names = {
        name: {slug: label for slug, label, _count in counted[name]}
        for name in ("emne", "bruger", "leverandoer")
    }
    counts = {name: Counter({row[0]: row[-1] for row in counted[name]}) for name, _label in FACETS}
    tags = option_tags(sorted_options(names))
    return [facet(name, label, tags[name], counts[name]) for name, label in FACETS]


def products_per_tag(ids):
    """(slug, name, number of products) of each tag of the products `ids`; a tag may be linked to a
    product twice."""
    return list(
        ProductPageTag.objects.filter(content_object_id__in=ids)
        .order_by()
        .values_list("tag__slug", "tag__name")
        .annotate(products=Count("content_object", distinct=True))
    )


def products_per_organisation(**facets):
    """{facet: [(slug, name, number of products)]} of the organisations each of `facets` (joining
    agreements or supplier records of the catalogue's products) links to products, in one query.

    Thousands of organisations use a product at the benchmark's volume: grouped by their names, the
    database joined every agreement to its organisation and hashed their texts, and Django made each of
    the ~9,000 rows a tuple through its converters. So each facet's rows are counted by organisation id
    first (Django's SQL for that), joined to the organisations' slugs and names only then, and read as
    plain rows from the cursor. An organisation has at most one joining agreement and one supplier
    record per product (their constraints), so its rows are counted as they are."""
    parts, params, database = [], [], None
    for number, rows in enumerate(facets.values()):
        database = rows.db
        quote = connections[database].ops.quote_name
        organisations = rows.model._meta.get_field("organisation").related_model._meta
        counts = rows.order_by().values("organisation_id").annotate(products=Count("pk"))
        sql, counts_params = counts.query.sql_with_params()
        # The names come from the models and every value is a parameter.
        parts.append(
            f"SELECT {number:d}, o.{quote('slug')}, o.{quote('name')}, c.{quote('products')} FROM ({sql}) c "  # noqa: S608
            f"INNER JOIN {quote(organisations.db_table)} o ON o.{quote(organisations.pk.column)} = "
            f"c.{quote('organisation_id')}"
        )
        params += counts_params
    found = [[] for _rows in facets]
    with connections[database].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for number, slug, label, products in cursor.fetchall():
            found[number].append((slug, label, products))
    return dict(zip(facets, found, strict=True))


def all_options(entries):
    """Every value each facet can take, with its label, in display order."""
    names = {"emne": {}, "bruger": {}, "leverandoer": {}}
    for entry in entries:
        names["emne"].update(entry.tags)
        names["bruger"].update(entry.users)
        names["leverandoer"].update(entry.suppliers)
    return sorted_options(names)


def sorted_options(names):
    """Every value each facet can take, with its label, in display order (`names`: {facet: {value:
    label}} of the tags, users and suppliers)."""
    options = {
        "niveau": {slug: str(level_label(level)) for level, slug in LEVEL_SLUGS.items()},
        "status": {value: str(label) for value, label in ProductStatus.choices},
    }
    options["niveau"][UNRATED_SLUG] = str(level_label(None))
    for name, values in names.items():
        options[name] = dict(sorted(values.items(), key=lambda item: item[1].casefold()))
    return options


def option_tags(options):
    """{facet: [(value, value escaped, label escaped)]}, escaped as the template would (Django's escape
    is html.escape)."""
    return {
        name: list(zip(values, escape_all(values), escape_all(values.values()), strict=True))
        for name, values in options.items()
    }


def escape_all(texts):
    """Each of `texts` escaped for HTML. Thousands of organisations' names are escaped at once: joined by
    a character none of them holds (PostgreSQL and SQLite text holds no NUL), escaped, and split."""
    texts = [str(text) for text in texts]
    if any("\0" in text for text in texts):
        return [html.escape(text) for text in texts]
    return html.escape("\0".join(texts)).split("\0") if texts else []
