"""The product catalogue's filters, counts and sorting.

Everything the catalogue needs is loaded in a fixed number of queries, then filtered in Python: the
governance level is computed (never stored), and the catalogue holds a few dozen products. Counts
beside each filter value are facet counts: how many products would match if that value were chosen
together with every other active filter.
"""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

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
    """One product with the facts the catalogue filters on."""

    product: ProductPage
    governance: object
    tags: dict = field(default_factory=dict)  # slug -> name
    users: dict = field(default_factory=dict)  # organisation slug -> name
    suppliers: dict = field(default_factory=dict)
    pledges: int = 0
    matches_query: bool = True

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
            return {self.product.status}
        if facet == "emne":
            return set(self.tags)
        if facet == "bruger":
            return set(self.users)
        return set(self.suppliers)


class Catalogue:
    def __init__(self, index_page, params):
        self.query = clean_query(params.get("q", ""))[:MAX_QUERY_LENGTH]
        self.sort = params.get("sortering") if params.get("sortering") in dict(SORTS) else "navn"
        self.entries = self._load(index_page)
        self.options = self._all_options()
        # Unknown values (an old bookmark, a typo) are ignored rather than giving an empty page.
        self.selected = {}
        for name, _label in FACETS:
            value = params.get(name, "").strip()
            if value and value in self.options[name]:
                self.selected[name] = value

    def _load(self, index_page):
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
        entries = {p.pk: Entry(product=p, governance=governance[p.pk]) for p in products}
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
        if self.query:
            found = {p.pk for p in ProductPage.objects.child_of(index_page).live().search(self.query)}
            needle = self.query.casefold()
            for entry in entries.values():
                text = f"{entry.product.title} {entry.product.tagline}".casefold()
                entry.matches_query = entry.product.pk in found or needle in text
        return list(entries.values())

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
        if not entry.matches_query:
            return False
        return all(value in entry.values(facet) for facet, value in self.selected.items() if facet != skip)

    @property
    def results(self):
        results = [entry for entry in self.entries if self._matches(entry)]
        if self.sort == "niveau":
            results.sort(key=lambda e: (1 if e.level is None else -e.level, e.product.title.casefold()))
        elif self.sort == "brugere":
            results.sort(key=lambda e: (-e.user_count, e.product.title.casefold()))
        else:
            results.sort(key=lambda e: e.product.title.casefold())
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
