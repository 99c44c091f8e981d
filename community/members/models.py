"""Member organisations and supplier partners (the records every module links to), and the
affiliations of the accounts that act for them: a person's account belongs to one organisation once
the secretariat approves its affiliation."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from home import seo
from products.relations import MunicipalitySize

from ..private_files import private_storage


class OrganisationKind(models.TextChoices):
    """OS2's own list of partner kinds."""

    KOMMUNE = "kommune", _("Kommune")
    REGION = "region", _("Region")
    STATSLIG = "statslig", _("Statslig myndighed")
    INSTITUTION = "institution", _("Offentlig institution")
    ANDEN_OFFENTLIG = "anden-offentlig", _("Anden offentlig myndighed")
    FAELLESOFFENTLIG = "faellesoffentlig", _("Fællesoffentlig aktør")
    LEVERANDOER = "leverandoer", _("Leverandørpartner")
    VIDENSINSTITUTION = "vidensinstitution", _("Vidensinstitution")
    INTERNATIONAL = "international", _("International partner")


# Public authorities are members with a vote and a fee; the others are partners.
PUBLIC_KINDS = (
    OrganisationKind.KOMMUNE,
    OrganisationKind.REGION,
    OrganisationKind.STATSLIG,
    OrganisationKind.INSTITUTION,
    OrganisationKind.ANDEN_OFFENTLIG,
)


class Region(models.TextChoices):
    HOVEDSTADEN = "hovedstaden", _("Region Hovedstaden")
    SJAELLAND = "sjaelland", _("Region Sjælland")
    SYDDANMARK = "syddanmark", _("Region Syddanmark")
    MIDTJYLLAND = "midtjylland", _("Region Midtjylland")
    NORDJYLLAND = "nordjylland", _("Region Nordjylland")


class OrganisationQuerySet(models.QuerySet):
    def public_members(self):
        return self.filter(is_public_member())

    def supplier_partners(self):
        return self.filter(is_supplier_partner())

    def member_counts(self):
        """(public members, supplier partners), counted in one query (the front page shows both)."""
        # The kind (never empty) rather than the id: PostgreSQL then counts from the directory's index
        # alone (is_member, kind), without reading the organisations' rows.
        counted = self.filter(is_member=True).aggregate(
            public=models.Count("kind", filter=is_public_member()),
            partners=models.Count("kind", filter=is_supplier_partner()),
        )
        return counted["public"], counted["partners"]


def is_public_member():
    return models.Q(kind__in=PUBLIC_KINDS, is_member=True)


def is_supplier_partner():
    return models.Q(kind=OrganisationKind.LEVERANDOER, is_member=True)


class Organisation(RevisionMixin, index.Indexed, ClusterableModel):
    """A member authority or a partner. What it uses and supplies comes from the products' joining
    agreements and supplier records, never typed here twice.

    Every change, by the secretariat in the admin or by the organisation's own members on the site, is
    saved as a revision, so the admin's history shows who changed what and can compare and revert."""

    name = models.CharField(_("navn"), max_length=200, help_text=_("Organisationens officielle navn."))
    slug = models.SlugField(
        _("kort navn i adressen"),
        max_length=200,
        unique=True,
        allow_unicode=False,
        help_text=_("Små bogstaver og bindestreger; bruges i organisationens adresse."),
    )
    kind = models.CharField(
        _("type"),
        max_length=30,
        choices=OrganisationKind.choices,
        help_text=_("Hvilken slags organisation det er; bruges til filtre i medlemsoversigten."),
    )
    region = models.CharField(
        _("region"),
        max_length=20,
        choices=Region.choices,
        blank=True,
        help_text=_("Den region, organisationen ligger i; bruges til filtre og kortet."),
    )
    is_member = models.BooleanField(
        _("medlem eller partner nu"), default=True, help_text=_("Fjern markeringen, når aftalen ophører.")
    )
    cvr = models.CharField(
        _("CVR-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Et CVR-nummer består af 8 cifre."))],
        help_text=_("Organisationens CVR-nummer, otte cifre."),
    )
    ean = models.CharField(
        _("EAN-nummer"),
        max_length=13,
        blank=True,
        validators=[RegexValidator(r"^\d{13}$", _("Et EAN-nummer består af 13 cifre."))],
        help_text=_("Organisationens EAN-nummer til elektroniske fakturaer, 13 cifre."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Organisationens logo, helst på hvid baggrund."),
    )
    website = models.URLField(_("websted"), blank=True, help_text=_("Organisationens websted, med https://."))
    description = models.TextField(
        _("kort beskrivelse"),
        blank=True,
        help_text=_("Et par sætninger om organisationen til dens side i medlemsoversigten."),
    )
    why_os2 = models.TextField(
        _("hvorfor vi er med i OS2"),
        blank=True,
        help_text=_("Organisationens egne ord om, hvorfor den er med i OS2."),
    )
    member_since = models.DateField(
        _("medlem siden"), null=True, blank=True, help_text=_("Dagen, organisationen blev medlem af OS2.")
    )
    contact_name = models.CharField(
        _("kontaktperson"),
        max_length=200,
        blank=True,
        help_text=_("Den person, sekretariatet kontakter om medlemskabet."),
    )
    contact_email = models.EmailField(
        _("kontaktpersonens e-mail"),
        blank=True,
        help_text=_("Organisationens kontaktpersons e-mail; ses kun af sekretariatet."),
    )
    contact_phone = models.CharField(
        _("kontaktpersonens telefon"),
        max_length=40,
        blank=True,
        help_text=_("Kontaktpersonens telefonnummer; ses kun af sekretariatet."),
    )
    # The band a product's price follows (the same four as the price tables), set by the secretariat
    # from Danmarks Statistik's population figures; empty for organisations that are not municipalities.
    municipality_size = models.CharField(
        _("kommunestørrelse"),
        max_length=20,
        choices=MunicipalitySize.choices,
        blank=True,
        help_text=_(
            "Bestemmer prisen for tilslutning til produkter. Sættes ud fra Danmarks Statistiks folketal."
        ),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="organisation")

    objects = OrganisationQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("kind"),
                FieldPanel("region"),
                FieldPanel("is_member"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("cvr"),
                FieldPanel("ean"),
                FieldPanel("member_since"),
                FieldPanel("municipality_size"),
                FieldPanel("website"),
                FieldPanel("logo"),
            ],
            heading=_("Oplysninger"),
        ),
        FieldPanel("description"),
        FieldPanel("why_os2"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Kontakt"),
        ),
        InlinePanel("agreements", heading=_("Aftaler"), label=_("Aftale")),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("why_os2"),
        index.FilterField("kind"),
        index.FilterField("region"),
        index.FilterField("is_member"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        indexes = [
            # The member directory counts members by type and region from this index alone.
            models.Index(fields=["is_member", "kind", "region"], name="organisation_directory"),
            # The front page's newest members: the first six in this order, not every member sorted.
            models.Index(
                fields=["-member_since", "name"],
                name="organisation_newest_members",
                condition=models.Q(is_member=True, member_since__isnull=False),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation_detail", kwargs={"slug": self.slug})

    @property
    def revisions(self):
        return self._revisions

    @property
    def is_public_authority(self):
        return self.kind in PUBLIC_KINDS

    # What search engines and link previews read (see home.seo).
    meta_image_is_logo = True

    @property
    def meta_image(self):
        return self.logo

    def structured_data(self, request):

        data = seo.organisation_reference(request, self)
        data.update(
            seo.without_empty(
                {
                    "@context": "https://schema.org",
                    "description": self.description,
                    "logo": seo.image_url(request, self.logo),
                    "sameAs": [self.website] if self.website else [],
                    "identifier": seo.cvr_identifier(self.cvr),
                    "areaServed": self.get_region_display() if self.region else None,
                    "memberOf": seo.os2_reference(request) if self.is_member else None,
                }
            )
        )
        return data


class AgreementKind(models.TextChoices):
    PARTNERAFTALE = "partneraftale", _("Partneraftale")
    LEVERANDOERPARTNERAFTALE = "leverandoerpartneraftale", _("Leverandørpartneraftale")
    FLOSS = "floss", _("FLOSS-aftale")


class Agreement(models.Model):
    """An agreement an organisation has signed with OS2 (joining agreements to products live with the
    products)."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(
        _("aftale"),
        max_length=30,
        choices=AgreementKind.choices,
        help_text=_("Hvilken aftale organisationen har underskrevet."),
    )
    signed_on = models.DateField(_("underskrevet"), help_text=_("Dagen, aftalen blev underskrevet."))
    ends_on = models.DateField(
        _("ophører"),
        null=True,
        blank=True,
        help_text=_("Sidste dag, aftalen gælder. Tom: den gælder, til den opsiges."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dokument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Den underskrevne aftale som PDF."),
    )
    signed_file = models.FileField(
        _("underskrevet aftale"),
        upload_to="aftaler/",
        storage=private_storage,
        blank=True,
        max_length=300,
        help_text=_("Den underskrevne aftale. Kun sekretariatet kan hente den."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("signed_on"),
        FieldPanel("ends_on"),
        FieldPanel("document"),
        FieldPanel("signed_file"),
    ]

    class Meta:
        ordering = ["signed_on"]
        verbose_name = _("aftale")
        verbose_name_plural = _("aftaler")
        # The member directory counts the agreements of a set of members from this index alone.
        indexes = [models.Index(fields=["organisation", "kind"], name="agreement_directory")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.signed_on:%d.%m.%Y})"


def organisation_url_for_slug():
    """A function giving the address `get_absolute_url` gives for an organisation's slug, with the URL
    pattern reversed once for a whole list (a slug is ASCII letters, digits, - and _: never quoted)."""
    marker = "organisation-slug-marker"
    before, after = reverse("organisation_detail", kwargs={"slug": marker}).split(marker)
    return lambda slug: f"{before}{slug}{after}"


class AffiliationStatus(models.TextChoices):
    PENDING = "afventer", _("Afventer godkendelse")
    APPROVED = "godkendt", _("Godkendt")
    REJECTED = "afvist", _("Afvist")


class AffiliationQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=AffiliationStatus.APPROVED)


class Affiliation(models.Model):
    """Links a user account to the organisation it acts for. Only approved affiliations let a person act
    on behalf of the organisation (submit and support ideas, edit its profile)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="affiliation",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="affiliations",
        help_text=_("Den organisation, medlemmet er ansat i."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AffiliationStatus.choices,
        default=AffiliationStatus.PENDING,
        help_text=_("Godkend kontoen, når personen hører til organisationen."),
    )
    job_title = models.CharField(
        _("stilling"),
        max_length=200,
        blank=True,
        help_text=_("Medlemmets stilling, som den vises i medlemsoversigten."),
    )
    requested_at = models.DateTimeField(_("anmodet"), auto_now_add=True)
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgjort af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(
        _("begrundelse for afvisning"), blank=True, help_text=_("Sendes til personen, hvis kontoen afvises.")
    )

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tilknytning")
        verbose_name_plural = _("tilknytninger")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.user} – {self.organisation}"

    @property
    def is_approved(self):
        return self.status == AffiliationStatus.APPROVED

    @property
    def person(self):
        """The person as the secretariat knows them: name and e-mail address."""
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} <{self.user.email}>" if self.user.email else name

    @property
    def email_verified(self):
        """Whether the person has proven their address (reads prefetched addresses where the list has them)."""
        return any(address.verified for address in self.user.emailaddress_set.all())

    def decide(self, status, by, reason=""):
        """Record the secretariat's decision (who and when). A reason is kept only for a rejection."""
        self.status = status
        self.decided_at = timezone.now()
        self.decided_by = by
        self.rejection_reason = reason if status == AffiliationStatus.REJECTED else ""


def approved_organisation(user):
    """The member organisation a user may act for, or None (anonymous, no affiliation, not yet approved,
    or an organisation that is no longer a member). Every members-only check asks this: signing up
    for members' events, reading login-restricted pages, submitting, supporting, commenting on and
    following ideas, reporting comments."""
    if not user.is_authenticated:
        return None
    affiliation = getattr(user, "affiliation", None)
    if affiliation and affiliation.is_approved and affiliation.organisation.is_member:
        return affiliation.organisation
    return None


def awaits_approval(user):
    """Whether a signed-in person's affiliation is waiting for the secretariat (so they are told so)."""
    affiliation = getattr(user, "affiliation", None) if user.is_authenticated else None
    return bool(affiliation and affiliation.status == AffiliationStatus.PENDING)
