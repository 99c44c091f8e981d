"""A product's governance level, computed from its assessments of OS2's criteria.

Levels are cumulative: a product reaches a level when every mandatory criterion of that level and of
every level below is met. A criterion is met when its latest assessment is green, or yellow with an
explanation ("comply or explain"). An unassessed criterion is not met. Levels can go down: a later
assessment replaces an earlier one.
"""

from collections import defaultdict, namedtuple
from dataclasses import dataclass, field

from django.db.models import FilteredRelation, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from os2site import page_cache
from os2site.caches import pages as cache

from .criteria import CriterionAssessment, GovernanceCriterion, GovernanceLevel, Theme, rating_passes

LEVEL_EXPLANATIONS = {
    GovernanceLevel.SANDKASSE: gettext_lazy("Lokal værdi, åben udvikling og godkendt licens."),
    GovernanceLevel.N1: gettext_lazy("Koden hos OS2, dokumentation og en navngiven tovholder."),
    GovernanceLevel.N2: gettext_lazy("Styregruppe, én kodebase, drifts- og implementeringsmateriale."),
    GovernanceLevel.N3: gettext_lazy("National forankring, budget og et aktivt brugerfællesskab."),
}
# What a level means, in a few words: the badge says it beside the level's code.
LEVEL_MEANINGS = {
    GovernanceLevel.SANDKASSE: gettext_lazy("afprøves lokalt"),
    GovernanceLevel.N1: gettext_lazy("delt og dokumenteret"),
    GovernanceLevel.N2: gettext_lazy("styret i fællesskab"),
    GovernanceLevel.N3: gettext_lazy("nationalt forankret"),
}
LEVEL_SLUGS = {
    GovernanceLevel.SANDKASSE: "sandkasse",
    GovernanceLevel.N1: "n1",
    GovernanceLevel.N2: "n2",
    GovernanceLevel.N3: "n3",
}
UNRATED_SLUG = "ingen"


def compute_level(criteria, latest):
    """The highest level whose mandatory criteria (and all below) are met, or None.

    `criteria`: GovernanceCriterion objects; `latest`: criterion id -> latest CriterionAssessment.
    """
    if not criteria or not latest:
        return None
    reached = None
    for level in GovernanceLevel:
        required = [c for c in criteria if c.level == level and c.mandatory]
        if all(c.pk in latest and latest[c.pk].passes for c in required):
            reached = level
        else:
            break
    return reached


def level_label(level):
    return GovernanceLevel(level).label if level is not None else _("Ikke indplaceret")


def level_slug(level):
    return LEVEL_SLUGS[level] if level is not None else UNRATED_SLUG


@dataclass
class LevelChange:
    date: object
    level: object
    previous: object

    @property
    def label(self):
        return level_label(self.level)

    @property
    def previous_label(self):
        return level_label(self.previous)

    @property
    def went_down(self):
        return self.previous is not None and (self.level is None or self.level < self.previous)


@dataclass
class ProductGovernance:
    """Everything the badge and the governance tab show about one product."""

    criteria: list
    assessments: list = field(default_factory=list)  # newest first

    def __post_init__(self):
        self.latest = {}
        for assessment in self.assessments:
            self.latest.setdefault(assessment.criterion_id, assessment)
        self.level = compute_level(self.criteria, self.latest)

    @classmethod
    def at_level(cls, level):
        """What any product at `level` shows of it (label, slug, meaning, explanation)."""
        governance = cls(criteria=[])
        governance.level = level
        return governance

    @property
    def label(self):
        return level_label(self.level)

    @property
    def slug(self):
        return level_slug(self.level)

    @property
    def meaning(self):
        """The level in words ("styret i fællesskab"); empty for a product without a level."""
        return str(LEVEL_MEANINGS[self.level]) if self.level is not None else ""

    @property
    def explanation(self):
        if self.level is None:
            return _("Produktet opfylder endnu ikke alle kriterier for Sandkasse.")
        return str(LEVEL_EXPLANATIONS[self.level])

    @property
    def last_assessed(self):
        return max((a.assessed_on for a in self.assessments), default=None)

    @property
    def next_level(self):
        if self.level == GovernanceLevel.N3:
            return None
        return GovernanceLevel.SANDKASSE if self.level is None else GovernanceLevel(self.level + 1)

    def missing_for_next_level(self):
        """Mandatory criteria of the next level (and below) that are not met, with their latest assessment."""
        if self.next_level is None:
            return []
        return [
            (criterion, self.latest.get(criterion.pk))
            for criterion in self.criteria
            if criterion.level <= self.next_level
            and criterion.mandatory
            and not (criterion.pk in self.latest and self.latest[criterion.pk].passes)
        ]

    def checklist(self):
        """Per theme (in OS2's order R, F, G, S): the criteria with their latest assessment."""
        themes = []
        for theme, label in Theme.choices:
            rows = [
                {"criterion": c, "assessment": self.latest.get(c.pk)}
                for c in sorted(self.criteria, key=lambda c: (c.number, c.code))
                if c.theme == theme
            ]
            if rows:
                themes.append({"code": theme, "label": label, "rows": rows})
        return themes

    def history(self):
        """The level changes over time, newest first, replayed from the dated assessments."""
        by_date = defaultdict(list)
        for assessment in self.assessments:
            by_date[assessment.assessed_on].append(assessment)
        latest, changes, previous = {}, [], None
        for date in sorted(by_date):
            for assessment in by_date[date]:
                latest[assessment.criterion_id] = assessment
            level = compute_level(self.criteria, latest)
            if not changes or level != previous:
                changes.append(LevelChange(date=date, level=level, previous=previous))
            previous = level
        return list(reversed(changes))


CRITERIA_CACHE_KEY = "os2site-governance-criteria"


def all_criteria():
    """Every criterion: a short list that changes a few times a year and is needed on every product
    page and in the catalogue, so it is cached under the page cache's generation, which a change to a
    criterion renews (os2site.page_cache)."""
    key = f"{CRITERIA_CACHE_KEY}:{page_cache.current_generation()}"
    criteria = cache.get(key)
    if criteria is None:
        criteria = list(GovernanceCriterion.objects.all())
        cache.set(key, criteria, page_cache.PART_SECONDS)
    return criteria


def governance_for(products):
    """{product id: ProductGovernance} for the given products, in two queries however many there are."""
    criteria = all_criteria()
    by_id = {c.pk: c for c in criteria}
    assessments = defaultdict(list)
    for assessment in CriterionAssessment.objects.filter(product__in=[p.pk for p in products]).order_by(
        "-assessed_on", "-pk"
    ):
        assessment.criterion = by_id[assessment.criterion_id]
        assessments[assessment.product_id].append(assessment)
    return {p.pk: ProductGovernance(criteria=criteria, assessments=assessments[p.pk]) for p in products}


@dataclass
class AssessedRating:
    """The facts of one assessment that its product's level depends on."""

    criterion_id: int
    assessed_on: object
    passes: bool


def levels_for(products):
    """{product id: ProductGovernance} for the level, label, slug and explanation of each product (the
    catalogue's badges, filters and sorting), in one query read as plain rows: hundreds of assessments
    as model instances cost more than the rest of the catalogue. The level is the one `governance_for`
    computes."""
    criteria = all_criteria()
    assessments = defaultdict(list)
    rows = (
        CriterionAssessment.objects.filter(product__in=[p.pk for p in products])
        .order_by("-assessed_on", "-pk")
        .values_list("product_id", "criterion_id", "assessed_on", "rating", "note")
    )
    for product_id, criterion_id, assessed_on, rating, note in rows:
        assessments[product_id].append(AssessedRating(criterion_id, assessed_on, rating_passes(rating, note)))
    return {p.pk: ProductGovernance(criteria=criteria, assessments=assessments[p.pk]) for p in products}


# What the level is computed from of a criterion (see compute_level).
CriterionRule = namedtuple("CriterionRule", "pk level mandatory")


def level_for(product):
    """The ProductGovernance of one product's level, as `levels_for` gives it, in one query: every
    criterion beside this product's assessments of it. A product page's header shows the level, and
    after a change, when nothing is cached, this is one query where the criteria and the assessments
    are two."""
    rows = (
        GovernanceCriterion.objects.annotate(
            assessment=FilteredRelation("assessments", condition=Q(assessments__product=product.pk))
        )
        .order_by()
        .values_list(
            "pk",
            "level",
            "mandatory",
            "assessment__pk",
            "assessment__assessed_on",
            "assessment__rating",
            "assessment__note",
        )
    )
    criteria, assessments = {}, []
    for pk, level, mandatory, assessment, assessed_on, rating, note in rows:
        criteria[pk] = CriterionRule(pk, level, mandatory)
        if assessment is not None:
            assessments.append(
                (assessed_on, assessment, AssessedRating(pk, assessed_on, rating_passes(rating, note)))
            )
    # Newest first, as `levels_for` reads them.
    assessments.sort(key=lambda row: row[:2], reverse=True)
    return ProductGovernance(criteria=list(criteria.values()), assessments=[row[2] for row in assessments])
