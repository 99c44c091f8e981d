"""Contact persons: snippets reused across products, each with a role on the product."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index


class ContactPerson(RevisionMixin, index.Indexed, models.Model):
    """A person visitors can contact about a product; one record, reused on every product."""

    name = models.CharField(_("navn"), max_length=200)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "community.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_persons",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("organisation"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Kontakt")),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("title"),
        index.SearchField("email"),
        index.FilterField("organisation"),
    ]

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation_id else self.name


class ContactRole(models.TextChoices):
    TOVHOLDER = "tovholder", _("Tovholder")
    STYREGRUPPE = "styregruppe", _("Styregruppe")
    KOORDINATIONSGRUPPE = "koordinationsgruppe", _("Koordinationsgruppe")
    LEVERANDOER = "leverandoer", _("Leverandørkontakt")


class ProductContact(Orderable):
    """A contact person's role on one product."""

    product = ParentalKey("products.ProductPage", on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        ContactPerson, verbose_name=_("person"), on_delete=models.CASCADE, related_name="product_roles"
    )
    role = models.CharField(_("rolle"), max_length=30, choices=ContactRole.choices)

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}"
