"""OS2's governance model: criteria per level and theme, and each product's assessments of them.

A product's level is never stored: it is computed from its latest assessment of each criterion
(see `products.governance`), so assessing a criterion changes the badge everywhere at once.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index


class GovernanceLevel(models.IntegerChoices):
    """Cumulative levels: a product reaches a level when it meets that level's criteria and all below."""

    SANDKASSE = 0, _("Sandkasse")
    N1 = 1, _("N1")
    N2 = 2, _("N2")
    N3 = 3, _("N3")


class Theme(models.TextChoices):
    RELEVANS = "R", _("Relevans")
    FORMKRAV = "F", _("Formkrav")
    GOVERNANCE = "G", _("Governance")
    STRATEGI = "S", _("Strategisk sammenhæng")


class GovernanceCriterion(RevisionMixin, index.Indexed, models.Model):
    """One of OS2's evaluation criteria, such as F12 'one core code version' at level N2."""

    code = models.CharField(_("kode"), max_length=10, unique=True, help_text=_("F.eks. F12."))
    theme = models.CharField(_("tema"), max_length=1, choices=Theme.choices)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=GovernanceLevel.choices)
    text = models.CharField(_("kriterie"), max_length=300)
    mandatory = models.BooleanField(
        _("skal opfyldes"),
        default=True,
        help_text=_("Fjern markeringen for kriterier, der kun anbefales; de tæller ikke med i niveauet."),
    )
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="governance_criterion")

    panels = [
        FieldPanel("code"),
        FieldPanel("theme"),
        FieldPanel("level"),
        FieldPanel("text"),
        FieldPanel("mandatory"),
    ]
    search_fields = [
        index.SearchField("code"),
        index.SearchField("text"),
        index.AutocompleteField("code"),
        index.AutocompleteField("text"),
        index.FilterField("code"),
        index.FilterField("mandatory"),
        index.FilterField("level"),
        index.FilterField("theme"),
    ]

    class Meta:
        verbose_name = _("governancekriterie")
        verbose_name_plural = _("governancekriterier")
        ordering = ["level", "theme", "code"]

    def __str__(self):
        return f"{self.code} {self.text}"

    @property
    def number(self):
        digits = "".join(ch for ch in self.code if ch.isdigit())
        return int(digits) if digits else 0


class Rating(models.TextChoices):
    """Green: met. Yellow: partly met, and counts only with an explanation (comply or explain). Red: not met."""

    GREEN = "groen", _("Grøn")
    YELLOW = "gul", _("Gul")
    RED = "roed", _("Rød")


class CriterionAssessment(RevisionMixin, models.Model):
    """A dated assessment of one criterion for one product. A re-evaluation adds a new assessment, so the
    history of levels can be computed; the latest assessment of each criterion counts."""

    product = models.ForeignKey(
        "products.ProductPage",
        verbose_name=_("produkt"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    criterion = models.ForeignKey(
        GovernanceCriterion,
        verbose_name=_("kriterie"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    rating = models.CharField(_("vurdering"), max_length=10, choices=Rating.choices)
    assessed_on = models.DateField(_("vurderet den"))
    evidence_url = models.URLField(_("dokumentation (link)"), blank=True)
    note = models.TextField(
        _("forklaring"),
        blank=True,
        help_text=_("En gul vurdering tæller kun med en forklaring ('følg eller forklar')."),
    )
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="criterion_assessment")

    panels = [
        MultiFieldPanel([FieldPanel("product"), FieldPanel("criterion")], heading=_("Hvad")),
        FieldPanel("rating"),
        FieldPanel("assessed_on"),
        FieldPanel("evidence_url"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("vurdering")
        verbose_name_plural = _("vurderinger")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "criterion", "assessed_on"], name="one_assessment_per_criterion_per_day"
            )
        ]

    def __str__(self):
        return f"{self.product} – {self.criterion.code}: {self.get_rating_display()} ({self.assessed_on})"

    @property
    def passes(self):
        return rating_passes(self.rating, self.note)


def rating_passes(rating, note):
    """Green passes; yellow passes only with an explanation ('følg eller forklar')."""
    return rating == Rating.GREEN or (rating == Rating.YELLOW and bool(note.strip()))
