"""A product's releases: the versions its community has shipped, newest first. The newest one is the
product's "seneste version" on its page and in its publiccode.yml."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class ProductRelease(index.Indexed, models.Model):
    product = models.ForeignKey(
        "products.ProductPage", verbose_name=_("produkt"), on_delete=models.CASCADE, related_name="releases"
    )
    version = models.CharField(_("version"), max_length=50, help_text=_("F.eks. 3.2.0."))
    released_on = models.DateField(_("udgivet"))
    notes = models.TextField(_("hvad er nyt"), blank=True)
    url = models.URLField(
        _("link til udgivelsen"), blank=True, help_text=_("F.eks. release notes i kodearkivet.")
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    # Indexed under another name: the search engines' bulk helpers take a document's "version" key as
    # the document's own version number and refuse "3.2.0".
    search_fields = [
        index.SearchField("release_version"),
        index.AutocompleteField("release_version"),
        index.FilterField("product"),
        index.FilterField("released_on"),
    ]

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versioner")
        ordering = ["-released_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "version"],
                name="one_release_per_product_version",
                violation_error_message=_("Produktet har allerede en version med det nummer."),
            )
        ]

    def __str__(self):
        return f"{self.product} {self.version}"

    @property
    def release_version(self):
        return self.version
