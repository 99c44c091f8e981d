"""Member accounts: a person's account belongs to one organisation once the secretariat approves it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class MembershipStatus(models.TextChoices):
    PENDING = "afventer", _("Afventer godkendelse")
    APPROVED = "godkendt", _("Godkendt")
    REJECTED = "afvist", _("Afvist")


class MembershipQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=MembershipStatus.APPROVED)


class Membership(models.Model):
    """Links a user account to the organisation it acts for. Only approved memberships let a person act
    on behalf of the organisation (submit and support ideas, edit its profile)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.PENDING
    )
    job_title = models.CharField(_("stilling"), max_length=200, blank=True)
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
    rejection_reason = models.TextField(_("begrundelse for afvisning"), blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("medlemskonto")
        verbose_name_plural = _("medlemskonti")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.user} – {self.organisation}"

    @property
    def is_approved(self):
        return self.status == MembershipStatus.APPROVED

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
        self.rejection_reason = reason if status == MembershipStatus.REJECTED else ""


def approved_organisation(user):
    """The member organisation a user may act for, or None (anonymous, no membership, not yet approved,
    or an organisation that is no longer a member). Every members-only check asks this: signing up
    for members' events, reading login-restricted pages, submitting, supporting, commenting on and
    following ideas, reporting comments."""
    if not user.is_authenticated:
        return None
    membership = getattr(user, "membership", None)
    if membership and membership.is_approved and membership.organisation.is_member:
        return membership.organisation
    return None


def awaits_approval(user):
    """Whether a signed-in person's membership is waiting for the secretariat (so they are told so)."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return bool(membership and membership.status == MembershipStatus.PENDING)
