"""Joining OS2 online: applications from public authorities and suppliers, the agreement templates
they sign, and the invitation that gives an approved organisation its first member account."""

import datetime
import secrets
import uuid

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from home.decisions import Decidable

from ..members.models import (
    Affiliation,
    AffiliationStatus,
    Agreement,
    AgreementKind,
    Organisation,
    OrganisationKind,
)
from ..private_files import private_storage
from ..validators import validate_cvr, validate_ean, validate_pdf


class AgreementTemplate(index.Indexed, models.Model):
    """A downloadable agreement the secretariat maintains, with when it applies."""

    class Kind(models.TextChoices):
        PARTNERAFTALE = "partneraftale", _("Partneraftale")
        LEVERANDOERPARTNERAFTALE = "leverandoerpartneraftale", _("Leverandørpartneraftale")
        TILSLUTNINGSAFTALE = "tilslutningsaftale", _("Tilslutningsaftale")
        FLOSS = "floss", _("FLOSS-aftale")

    kind = models.CharField(
        _("aftale"),
        max_length=30,
        choices=Kind.choices,
        unique=True,
        help_text=_("Hvilken aftale skabelonen er."),
    )
    explanation = models.TextField(
        _("hvornår gælder den"), help_text=_("Hvem aftalen gælder for; vises ved aftalen på ansøgningssiden.")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dokument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Aftalen som PDF, som ansøgerne henter og underskriver."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("rækkefølge"), default=0, help_text=_("Lavere tal vises først.")
    )

    panels = [FieldPanel("kind"), FieldPanel("explanation"), FieldPanel("document"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("explanation"), index.FilterField("kind")]

    class Meta:
        ordering = ["sort_order", "kind"]
        verbose_name = _("aftaleskabelon")
        verbose_name_plural = _("aftaleskabeloner")

    def __str__(self):
        return self.get_kind_display()


class ApplicationPath(models.TextChoices):
    PUBLIC = "offentlig", _("Offentligt medlem")
    SUPPLIER = "leverandoer", _("Leverandørpartner")


# Kinds an applicant may choose on each path; joint public actors and the like are added by the secretariat.
KINDS_BY_PATH = {
    ApplicationPath.PUBLIC: [
        OrganisationKind.KOMMUNE,
        OrganisationKind.REGION,
        OrganisationKind.STATSLIG,
        OrganisationKind.INSTITUTION,
        OrganisationKind.ANDEN_OFFENTLIG,
    ],
    ApplicationPath.SUPPLIER: [OrganisationKind.LEVERANDOER],
}
AGREEMENT_BY_PATH = {
    ApplicationPath.PUBLIC: AgreementKind.PARTNERAFTALE,
    ApplicationPath.SUPPLIER: AgreementKind.LEVERANDOERPARTNERAFTALE,
}


def agreement_upload_path(instance, filename):
    """A name nobody can guess: signed agreements are served only to the secretariat."""
    return f"ansoegninger/{uuid.uuid4().hex}.pdf"


class ApplicationStatus(models.TextChoices):
    RECEIVED = "modtaget", _("Modtaget")
    APPROVED = "godkendt", _("Godkendt")
    REJECTED = "afvist", _("Afvist")


class JoinApplication(Decidable, models.Model):
    path = models.CharField(
        _("ansøger som"),
        max_length=20,
        choices=ApplicationPath.choices,
        help_text=_("Om ansøgeren er en offentlig myndighed eller en leverandør."),
    )
    organisation_name = models.CharField(
        _("organisationens navn"), max_length=200, help_text=_("Organisationens officielle navn.")
    )
    organisation_kind = models.CharField(
        _("type"),
        max_length=30,
        choices=OrganisationKind.choices,
        help_text=_("Hvilken slags organisation ansøgeren er."),
    )
    cvr = models.CharField(
        _("CVR-nummer"),
        max_length=8,
        validators=[validate_cvr],
        help_text=_("Organisationens CVR-nummer, otte cifre."),
    )
    ean = models.CharField(
        _("EAN-nummer"),
        max_length=13,
        blank=True,
        validators=[validate_ean],
        help_text=_("Organisationens EAN-nummer til elektroniske fakturaer, 13 cifre."),
    )
    address = models.TextField(
        _("adresse"), help_text=_("Organisationens postadresse, som ansøgeren skrev den.")
    )
    contact_name = models.CharField(
        _("kontaktperson"),
        max_length=200,
        help_text=_("Den person, sekretariatet kan kontakte om ansøgningen."),
    )
    contact_email = models.EmailField(
        _("kontaktpersonens e-mail"), help_text=_("Svar på ansøgningen sendes hertil.")
    )
    contact_phone = models.CharField(
        _("kontaktpersonens telefon"), max_length=40, help_text=_("Kontaktpersonens telefonnummer.")
    )
    agreement_file = models.FileField(
        _("underskrevet aftale (PDF)"),
        upload_to=agreement_upload_path,
        storage=private_storage,
        validators=[validate_pdf],
        help_text=_("Den underskrevne aftale, som ansøgeren uploadede."),
    )
    accepted_code_of_conduct = models.BooleanField(
        _("accepterer code of conduct"),
        default=False,
        help_text=_("Ansøgeren har accepteret OS2's code of conduct."),
    )
    submission_key = models.UUIDField(
        _("indsendelsesnøgle"),
        unique=True,
        default=uuid.uuid4,
        editable=False,
        help_text=_("Sendes med formularen, så et dobbeltklik ikke giver to ansøgninger."),
    )
    submitted_at = models.DateTimeField(_("modtaget"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
        help_text=_('Hvor ansøgningen står. Afgør den med knappen "Afgør" i listen.'),
    )
    decided_at = models.DateTimeField(
        _("afgjort"),
        null=True,
        blank=True,
        help_text=_("Hvornår ansøgningen blev afgjort. Sættes ved afgørelsen."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgjort af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Hvem i sekretariatet der afgjorde ansøgningen."),
    )
    rejection_reason = models.TextField(
        _("begrundelse for afvisning"),
        blank=True,
        help_text=_("Sendes til ansøgeren, hvis ansøgningen afvises."),
    )
    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("oprettet organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
        help_text=_("Den organisation, der blev oprettet, da ansøgningen blev godkendt."),
    )

    open_state = ApplicationStatus.RECEIVED
    reason_field = "rejection_reason"

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("medlemsansøgning")
        verbose_name_plural = _("medlemsansøgninger")

    def __str__(self):
        return f"{self.organisation_name} ({self.get_path_display()})"

    def get_agreement_file_display(self):
        """For the admin's inspect view: a link to the view that checks permission."""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("application_agreement_file", args=[self.pk]),
            _("Hent den underskrevne aftale"),
        )

    def approve(self, by):
        """Create the organisation, record its agreement and invite its first member, exactly once:
        approving a decided application changes nothing."""
        with transaction.atomic():
            application = self.lock_if_open()
            if application is None:
                self.refresh_from_db()
                return (self.organisation.invitations.first() if self.organisation else None), False
            today = timezone.localdate()
            organisation = Organisation.objects.create(
                name=application.organisation_name,
                slug=unique_slug(application.organisation_name),
                kind=application.organisation_kind,
                cvr=application.cvr,
                ean=application.ean,
                member_since=today,
                contact_name=application.contact_name,
                contact_email=application.contact_email,
                contact_phone=application.contact_phone,
            )
            Agreement.objects.create(
                organisation=organisation,
                kind=AGREEMENT_BY_PATH[application.path],
                signed_on=today,
                # The PDF the applicant signed, kept with the agreement it records (the same stored file).
                signed_file=application.agreement_file.name,
            )
            invitation = MemberInvitation.objects.create(
                organisation=organisation, email=application.contact_email, name=application.contact_name
            )
            application.record_decision(ApplicationStatus.APPROVED, by, organisation=organisation)
        self.refresh_from_db()
        return invitation, True

    def reject(self, by, reason):
        return self.decide(ApplicationStatus.REJECTED, by, reason)


def unique_slug(name):
    base = slugify(name.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")) or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


# An invitation link works this many days after it was sent.
INVITATION_DAYS = 14


def new_invitation_token():
    return secrets.token_urlsafe(32)


class MemberInvitation(models.Model):
    """An invitation to create the first member account of an organisation; the link cannot be guessed,
    works once, for the invited address only, within INVITATION_DAYS."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("navn"), max_length=200, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("taget imod"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def get_absolute_url(self):
        return reverse("join_invitation", kwargs={"token": self.token})

    @property
    def is_expired(self):
        return self.created_at < timezone.now() - datetime.timedelta(days=INVITATION_DAYS)

    def accept(self, user):
        """Give `user` an approved affiliation with the organisation."""
        with transaction.atomic():
            invitation = MemberInvitation.objects.select_for_update().get(pk=self.pk)
            if invitation.accepted_at:
                return False
            Affiliation.objects.update_or_create(
                user=user,
                defaults={
                    "organisation": invitation.organisation,
                    "status": AffiliationStatus.APPROVED,
                    "decided_at": timezone.now(),
                },
            )
            invitation.accepted_at = timezone.now()
            invitation.user = user
            invitation.save(update_fields=["accepted_at", "user"])
        return True
