"""Joining a product online: a member organisation's request to pledge support to a product under
development (tilsagn) or to join a product in operation (tilslutning), with the signed joining agreement,
and the decision of the secretariat or the product's coordinators. An approved request becomes the
organisation's JoiningAgreement, so it shows among the product's users at once."""

import uuid

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from community.private_files import private_storage
from community.validators import validate_pdf
from home.decisions import Decidable

from .relations import JoiningAgreement, JoiningStage, ProductStatus


class JoinKind(models.TextChoices):
    TILSAGN = "tilsagn", _("Tilsagn")
    TILSLUTNING = "tilslutning", _("Tilslutning")


# What an approved request of each kind makes of the organisation's joining agreement.
STAGE_BY_KIND = {JoinKind.TILSAGN: JoiningStage.TILSAGN, JoinKind.TILSLUTNING: JoiningStage.TILSLUTTET}


def kind_for(product):
    """A product under development takes pledges, one in operation joinings; a retired one neither."""
    return {ProductStatus.PROJEKT: JoinKind.TILSAGN, ProductStatus.PRODUKT: JoinKind.TILSLUTNING}.get(
        product.status
    )


class JoinState(models.TextChoices):
    REQUESTED = "anmodet", _("Anmodet")
    APPROVED = "godkendt", _("Godkendt")
    DECLINED = "afvist", _("Afvist")


def agreement_upload_path(instance, filename):
    """A name nobody can guess: the signed agreements are served only to those who decide on them."""
    return f"tilslutninger/{uuid.uuid4().hex}.pdf"


class JoinRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=JoinState.REQUESTED)


class JoinRequest(Decidable, models.Model):
    product = models.ForeignKey(
        "products.ProductPage",
        verbose_name=_("produkt"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    organisation = models.ForeignKey(
        "community.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("anmodet af"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="join_requests",
    )
    kind = models.CharField(_("type"), max_length=20, choices=JoinKind.choices)
    state = models.CharField(
        _("status"), max_length=20, choices=JoinState.choices, default=JoinState.REQUESTED
    )
    agreement_file = models.FileField(
        _("underskrevet tilslutningsaftale (PDF)"),
        upload_to=agreement_upload_path,
        storage=private_storage,
        validators=[validate_pdf],
        blank=True,
        max_length=300,
        help_text=_("Den underskrevne tilslutningsaftale som PDF."),
    )
    agreement_later = models.BooleanField(
        _("aftalen sendes senere"),
        default=False,
        help_text=_("Sæt hak, hvis organisationen sender aftalen senere."),
    )
    note = models.TextField(
        _("bemærkning"), blank=True, help_text=_("Organisationens bemærkning til anmodningen.")
    )
    # The price the organisation was shown when it asked (its size band and membership then).
    size = models.CharField(_("kommunestørrelse"), max_length=20, blank=True)
    joining_fee = models.PositiveIntegerField(_("engangsbeløb (kr.)"), null=True, blank=True)
    yearly_fee = models.PositiveIntegerField(_("årlig betaling (kr.)"), null=True, blank=True)
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
    starts_on = models.DateField(_("gælder fra"), null=True, blank=True)
    decline_reason = models.TextField(_("begrundelse for afvisning"), blank=True)

    objects = JoinRequestQuerySet.as_manager()

    state_field = "state"
    open_state = JoinState.REQUESTED
    reason_field = "decline_reason"

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("anmodning om tilslutning")
        verbose_name_plural = _("anmodninger om tilslutning")
        constraints = [
            # A double click or two colleagues at once never make two open requests.
            models.UniqueConstraint(
                fields=["product", "organisation"],
                condition=models.Q(state="anmodet"),
                name="one_open_join_request_per_organisation",
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.product} ({self.get_kind_display()})"

    def get_agreement_file_display(self):
        """For the admin's inspect view: a link to the view that checks permission."""
        if not self.agreement_file:
            return _("Sendes senere") if self.agreement_later else "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("join_request_agreement", args=[self.pk]), _("Hent aftalen (PDF)")
        )

    def approve(self, by, starts_on=None):
        """The organisation's joining agreement from `starts_on` (today if not given): created, or a
        pledge turned into a joining. Exactly once: approving a decided request changes nothing."""
        with transaction.atomic():
            request = self.lock_if_open()
            if request is None:
                self.refresh_from_db()
                return False
            starts_on = starts_on or timezone.localdate()
            stage = STAGE_BY_KIND[request.kind]
            agreement = JoiningAgreement.objects.filter(
                product=request.product, organisation=request.organisation
            ).first()
            if agreement is None:
                agreement = JoiningAgreement.objects.create(
                    product=request.product,
                    organisation=request.organisation,
                    stage=stage,
                    joined_on=starts_on,
                )
            elif agreement.stage != stage:
                agreement.stage, agreement.joined_on = stage, starts_on
                agreement.save(update_fields=["stage", "joined_on"])
            keep_in_latest_revision(request.product, agreement, by)
            request.record_decision(JoinState.APPROVED, by, starts_on=starts_on)
        self.refresh_from_db()
        return True

    def decline(self, by, reason):
        return self.decide(JoinState.DECLINED, by, reason)


def keep_in_latest_revision(product, agreement, user):
    """Joining agreements are part of the product page's content (an inline panel), so publishing a
    revision saved before the approval would delete the new one. The latest revision gets it too:
    a later publish keeps it, and the editor shows it. No unpublished change is made by this."""
    draft = product.get_latest_revision_as_object()
    others = [a for a in draft.joining_agreements.all() if a.pk != agreement.pk]
    draft.joining_agreements.set([*others, agreement])
    draft.save_revision(user=user, changed=False, log_action=False, clean=False)
