"""The product catalogue's filters, counts and sorting.

Everything the catalogue needs is loaded in a fixed number of queries, with each product's card rendered
once, and kept as a cached part (see os2site.page_cache); each request only filters it in Python: the
governance level is computed (never stored), and the catalogue holds a few hundred products at most. Counts
beside each filter value are facet counts: how many products would match if that value were chosen
together with every other active filter.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from home.forms import clean_query

from .governance import LEVEL_SLUGS, UNRATED_SLUG, level_label, levels_for
from .models import (
    JoiningAgreement,
    JoiningStage,
    ProductPage,
    ProductPageTag,
    ProductStatus,
    ProductSupplier,
)

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


@dataclass
class Entry:
    """One product with the facts the catalogue filters on, and its card, rendered once."""

    pk: int
    title: str
    tagline: str
    status: str
    governance: object
    card: str = ""
    tags: dict = field(default_factory=dict)  # slug -> name
    users: dict = field(default_factory=dict)  # organisation slug -> name
    suppliers: dict = field(default_factory=dict)
    pledges: int = 0

    @property
    def level(self):
        return self.governance.level

    @property
    def user_count(self):
        return len(self.users)

    def values(self, facet):
        if facet == "niveau":
            return {self.governance.slug}
        if facet == "status":
            return {self.status}
        if facet == "emne":
            return set(self.tags)
        if facet == "bruger":
            return set(self.users)
        return set(self.suppliers)


class Catalogue:
    def __init__(self, index_page, request):
        from os2site.page_cache import cached_part

        params = request.GET
        self.query = clean_query(params.get("q", ""))[:MAX_QUERY_LENGTH]
        self.sort = params.get("sortering") if params.get("sortering") in dict(SORTS) else "navn"
        # Every product with its facts and card is the same for every visitor: a part cached as fresh as
        # a cached page (see os2site.page_cache), so only the filtering is done for each request.
        self.entries = cached_part(request, "catalogue", [index_page.pk], partial(load, index_page, request))
        self.matching = self._matching(index_page)
        self.options = self._all_options()
        # Unknown values (an old bookmark, a typo) are ignored rather than giving an empty page.
        self.selected = {}
        for name, _label in FACETS:
            value = params.get(name, "").strip()
            if value and value in self.options[name]:
                self.selected[name] = value

    def _matching(self, index_page):
        """The products the words match (their text, or their page in the search index); None: all."""
        if not self.query:
            return None
        found = {p.pk for p in ProductPage.objects.child_of(index_page).live().search(self.query)}
        needle = self.query.casefold()
        return {
            entry.pk
            for entry in self.entries
            if entry.pk in found or needle in f"{entry.title} {entry.tagline}".casefold()
        }

    def _all_options(self):
        """Every value each facet can take, with its label, in display order."""
        names = {"emne": {}, "bruger": {}, "leverandoer": {}}
        for entry in self.entries:
            names["emne"].update(entry.tags)
            names["bruger"].update(entry.users)
            names["leverandoer"].update(entry.suppliers)
        options = {
            "niveau": {slug: str(level_label(level)) for level, slug in LEVEL_SLUGS.items()},
            "status": dict(ProductStatus.choices),
        }
        options["niveau"][UNRATED_SLUG] = str(level_label(None))
        for facet, values in names.items():
            options[facet] = dict(sorted(values.items(), key=lambda item: item[1].casefold()))
        return options

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
        """For each facet: its options with the count of products each would give, all filters combined."""
        facets = []
        for name, label in FACETS:
            counts = Counter()
            for entry in self.entries:
                if self._matches(entry, skip=name):
                    counts.update(entry.values(name))
            options = [
                {
                    "value": value,
                    "label": text,
                    "count": counts[value],
                    "selected": self.selected.get(name) == value,
                }
                for value, text in self.options[name].items()
                # The unrated level is offered only where it occurs.
                if not (name == "niveau" and value == UNRATED_SLUG and not counts[value])
            ]
            facets.append(
                {"name": name, "label": label, "options": options, "selected": self.selected.get(name)}
            )
        return facets

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


def load(index_page, request):
    """The catalogue's products as entries, in a fixed number of queries, each with its card."""
    products = list(
        ProductPage.objects.child_of(index_page)
        .live()
        .public()
        .select_related("logo")
        .prefetch_related("logo__renditions")
        .order_by("title")
    )
    ids = [p.pk for p in products]
    governance = levels_for(products)
    entries = {
        p.pk: Entry(pk=p.pk, title=p.title, tagline=p.tagline, status=p.status, governance=governance[p.pk])
        for p in products
    }
    for product_id, slug, name in ProductPageTag.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__slug", "tag__name"
    ):
        entries[product_id].tags[slug] = name
    for product_id, stage, slug, name in JoiningAgreement.objects.filter(product_id__in=ids).values_list(
        "product_id", "stage", "organisation__slug", "organisation__name"
    ):
        if stage == JoiningStage.TILSLUTTET:
            entries[product_id].users[slug] = name
        else:
            entries[product_id].pledges += 1
    for product_id, slug, name in ProductSupplier.objects.filter(product_id__in=ids).values_list(
        "product_id", "organisation__slug", "organisation__name"
    ):
        entries[product_id].suppliers[slug] = name
    for product in products:
        entry = entries[product.pk]
        entry.card = render_to_string(
            "products/product_page.card.html", {"entry": entry, "product": product}, request
        )
    return list(entries.values())
