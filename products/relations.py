"""What a product page holds besides its text and tabs: its status and tags, who uses and supplies the
product, and what joining it costs. Plain models, apart from the page models (`products.pages`), so the
catalogue and the product pages' views can read them without importing the pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class ProductStatus(models.TextChoices):
    PROJEKT = "projekt", _("Projekt")
    PRODUKT = "produkt", _("Produkt")
    UDFASET = "udfaset", _("Udfaset")


class ProductPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "products.ProductPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class JoiningStage(models.TextChoices):
    """Joining a product is two-phase: a non-binding pledge, then a binding joining agreement."""

    TILSAGN = "tilsagn", _("Tilsagn")
    TILSLUTTET = "tilsluttet", _("Tilsluttet")


class JoiningAgreement(Orderable):
    """Tilslutning: an organisation uses (or has pledged to support) a product."""

    product = ParentalKey("products.ProductPage", on_delete=models.CASCADE, related_name="joining_agreements")
    organisation = models.ForeignKey(
        "community.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="joining_agreements",
        help_text=_("Den organisation, der har tilsluttet sig produktet."),
    )
    stage = models.CharField(
        _("trin"),
        max_length=20,
        choices=JoiningStage.choices,
        default=JoiningStage.TILSLUTTET,
        help_text=_("Hvor langt organisationen er med at tage produktet i brug."),
    )
    joined_on = models.DateField(_("dato"), help_text=_("Dagen, organisationen tilsluttede sig produktet."))

    panels = [FieldPanel("organisation"), FieldPanel("stage"), FieldPanel("joined_on")]

    class Meta(Orderable.Meta):
        verbose_name = _("tilslutning")
        verbose_name_plural = _("tilslutninger")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "organisation"], name="one_joining_agreement_per_organisation"
            )
        ]
        # The member directory counts the products a set of members uses from the first index alone,
        # and finds the users of chosen products from the second.
        indexes = [
            models.Index(fields=["organisation", "stage", "product"], name="joining_directory_counts"),
            models.Index(fields=["product", "stage", "organisation"], name="joining_directory_filter"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.product}"


class ProductSupplier(Orderable):
    """A supplier partner delivering development, operations or support for a product."""

    product = ParentalKey("products.ProductPage", on_delete=models.CASCADE, related_name="suppliers")
    organisation = models.ForeignKey(
        "community.Organisation",
        verbose_name=_("leverandør"),
        on_delete=models.CASCADE,
        related_name="supplied_products",
        help_text=_("En leverandør, der arbejder med produktet."),
    )
    role = models.CharField(
        _("rolle"), max_length=120, blank=True, help_text=_("F.eks. udvikling, drift, support.")
    )

    contract_until = models.DateField(
        _("aftale gælder til"), null=True, blank=True, help_text=_("Slutdato for vedligeholdelsesaftalen.")
    )

    panels = [FieldPanel("organisation"), FieldPanel("role"), FieldPanel("contract_until")]

    class Meta(Orderable.Meta):
        verbose_name = _("leverandør")
        verbose_name_plural = _("leverandører")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "organisation"], name="one_supplier_record_per_organisation"
            )
        ]
        # The member directory counts the products a set of members supplies from this index alone.
        indexes = [models.Index(fields=["organisation", "product"], name="supplier_directory_counts")]

    def __str__(self):
        return f"{self.organisation} – {self.product}"


class MunicipalitySize(models.TextChoices):
    UNDER_25K = "under-25000", _("Under 25.000 indbyggere")
    FROM_25K = "25000-60000", _("25.000–60.000 indbyggere")
    FROM_60K = "60000-120000", _("60.000–120.000 indbyggere")
    OVER_120K = "over-120000", _("Over 120.000 indbyggere")

    @classmethod
    def for_population(cls, population):
        """The band of a municipality with this many inhabitants (each band's lower bound included)."""
        if population < 25_000:
            return cls.UNDER_25K
        if population < 60_000:
            return cls.FROM_25K
        if population < 120_000:
            return cls.FROM_60K
        return cls.OVER_120K


class JoiningPrice(Orderable):
    """The price of joining a product for one municipality size, for OS2 members or non-members."""

    product = ParentalKey("products.ProductPage", on_delete=models.CASCADE, related_name="prices")
    size = models.CharField(
        _("kommunestørrelse"),
        max_length=20,
        choices=MunicipalitySize.choices,
        help_text=_("Den kommunestørrelse, prisen gælder."),
    )
    member = models.BooleanField(
        _("medlem af OS2"), default=True, help_text=_("Sæt hak, hvis prisen gælder medlemmer af OS2.")
    )
    joining_fee = models.PositiveIntegerField(
        _("engangsbeløb ved tilslutning (kr.)"),
        default=0,
        help_text=_("Engangsbeløbet ved tilslutning i hele kroner."),
    )
    yearly_fee = models.PositiveIntegerField(
        _("årlig betaling (kr.)"), help_text=_("Den årlige betaling i hele kroner.")
    )

    panels = [FieldPanel("size"), FieldPanel("member"), FieldPanel("joining_fee"), FieldPanel("yearly_fee")]

    class Meta(Orderable.Meta):
        verbose_name = _("pris")
        verbose_name_plural = _("priser")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "size", "member"], name="one_price_per_size_and_membership"
            )
        ]


def price_table(prices):
    """Rows per municipality size (in size order) with the member and non-member price side by side,
    from (size, member, joining_fee, yearly_fee) rows: plain values, cheaper to read and to cache than
    the prices themselves."""
    by_key = {
        (size, member): {"joining_fee": joining_fee, "yearly_fee": yearly_fee}
        for size, member, joining_fee, yearly_fee in prices
    }
    rows = []
    for size, label in MunicipalitySize.choices:
        member, other = by_key.get((size, True)), by_key.get((size, False))
        if member or other:
            rows.append({"label": str(label), "member": member, "non_member": other})
    return rows
