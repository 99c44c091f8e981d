"""The product catalogue: the catalogue page, product pages, and who uses and supplies each product."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.models import BodyPage


class ProductIndexPage(BodyPage):
    """The catalogue (`/produkter/`)."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["products.ProductPage"]
    max_count = 1

    class Meta:
        verbose_name = _("produktkatalog")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = (
            ProductPage.objects.child_of(self).live().public().select_related("logo").order_by("title")
        )
        return context


class ProductStatus(models.TextChoices):
    PROJEKT = "projekt", _("Projekt")
    PRODUKT = "produkt", _("Produkt")
    UDFASET = "udfaset", _("Udfaset")


class ProductPage(BodyPage):
    """One OS2 product. Its wiki tabs are child pages."""

    tagline = models.CharField(_("kort beskrivelse"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=ProductStatus.choices, default=ProductStatus.PROJEKT
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("status"),
        FieldPanel("logo"),
        FieldPanel("introduction"),
        FieldPanel("body"),
        InlinePanel("joining_agreements", heading=_("Tilslutninger"), label=_("Tilslutning")),
        InlinePanel("suppliers", heading=_("Leverandører"), label=_("Leverandør")),
    ]
    search_fields = BodyPage.search_fields + [
        index.SearchField("tagline", boost=2),
        index.AutocompleteField("title"),
        index.FilterField("status"),
    ]

    parent_page_types = ["products.ProductIndexPage"]

    class Meta:
        verbose_name = _("produkt")
        verbose_name_plural = _("produkter")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["users"] = (
            self.joining_agreements.filter(stage=JoiningStage.TILSLUTTET)
            .select_related("organisation")
            .order_by("organisation__name")
        )
        context["suppliers"] = self.suppliers.select_related("organisation").order_by("organisation__name")
        return context


class JoiningStage(models.TextChoices):
    """Joining a product is two-phase: a non-binding pledge, then a binding joining agreement."""

    TILSAGN = "tilsagn", _("Tilsagn")
    TILSLUTTET = "tilsluttet", _("Tilsluttet")


class JoiningAgreement(Orderable):
    """Tilslutning: an organisation uses (or has pledged to support) a product."""

    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="joining_agreements")
    organisation = models.ForeignKey(
        "community.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="joining_agreements",
    )
    stage = models.CharField(
        _("trin"), max_length=20, choices=JoiningStage.choices, default=JoiningStage.TILSLUTTET
    )
    joined_on = models.DateField(_("dato"))

    panels = [FieldPanel("organisation"), FieldPanel("stage"), FieldPanel("joined_on")]

    class Meta(Orderable.Meta):
        verbose_name = _("tilslutning")
        verbose_name_plural = _("tilslutninger")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "organisation"], name="one_joining_agreement_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.product}"


class ProductSupplier(Orderable):
    """A supplier partner delivering development, operations or support for a product."""

    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="suppliers")
    organisation = models.ForeignKey(
        "community.Organisation",
        verbose_name=_("leverandør"),
        on_delete=models.CASCADE,
        related_name="supplied_products",
    )
    role = models.CharField(
        _("rolle"), max_length=120, blank=True, help_text=_("F.eks. udvikling, drift, support.")
    )

    panels = [FieldPanel("organisation"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("leverandør")
        verbose_name_plural = _("leverandører")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "organisation"], name="one_supplier_record_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.product}"
