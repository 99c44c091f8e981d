"""What events keep besides their pages: sign-ups with their waitlist, the questions asked at sign-up,
and the dates a repeating event is not held."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class EventKind(models.TextChoices):
    GENERALFORSAMLING = "generalforsamling", _("Generalforsamling")
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    NETVAERKSMOEDE = "netvaerksmoede", _("Netværksmøde")
    WEBINAR = "webinar", _("Webinar")


class EventException(Orderable):
    """A date a recurring event does not take place (holidays, a meeting moved elsewhere)."""

    page = ParentalKey("community.EventPage", on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(
        _("dato"), help_text=_("Dagen, hvor arrangementet ikke holdes, selv om det gentages.")
    )
    note = models.CharField(
        _("bemærkning"), max_length=200, blank=True, help_text=_("F.eks. 'Holdes ikke i påsken'.")
    )

    panels = [FieldPanel("date"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("undtagelse")
        verbose_name_plural = _("undtagelser")

    def __str__(self):
        return f"{self.date:%d.%m.%Y}"


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Kort tekst")
    LONG_TEXT = "long_text", _("Lang tekst")
    CHOICE = "choice", _("Valg mellem svar")
    YES_NO = "yes_no", _("Ja/nej")


class EventQuestion(Orderable):
    """A question people answer when they sign up (diet, which workshop, …)."""

    page = ParentalKey("community.EventPage", on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(
        _("spørgsmål"), max_length=200, help_text=_("Spørgsmålet, som deltageren ser i tilmeldingen.")
    )
    kind = models.CharField(
        _("svartype"),
        max_length=20,
        choices=QuestionKind.choices,
        default=QuestionKind.TEXT,
        help_text=_("Hvordan deltageren svarer: kort tekst, lang tekst eller ja/nej."),
    )
    choices = models.TextField(
        _("svarmuligheder"), blank=True, help_text=_("Én pr. linje, ved 'valg mellem svar'.")
    )
    required = models.BooleanField(
        _("påkrævet"),
        default=False,
        help_text=_("Sæt hak, hvis deltageren skal svare for at kunne tilmelde sig."),
    )

    panels = [FieldPanel("label"), FieldPanel("kind"), FieldPanel("choices"), FieldPanel("required")]

    class Meta(Orderable.Meta):
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")

    def __str__(self):
        return self.label

    def clean(self):
        if self.kind == QuestionKind.CHOICE and len(self.choice_list()) < 2:
            raise ValidationError({"choices": _("Angiv mindst to svarmuligheder, én pr. linje.")})

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Tilmeldt")
    WAITLIST = "waitlist", _("På venteliste")
    CANCELLED = "cancelled", _("Afmeldt")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLIST)


def new_token():
    """The secret in a registration's link: 256 random bits, so links cannot be guessed."""
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlist(self):
        return self.filter(status=RegistrationStatus.WAITLIST).order_by("created_at", "pk")


class Registration(models.Model):
    """A sign-up for an event: confirmed, on the waitlist (in order of sign-up), or cancelled."""

    event = models.ForeignKey(
        "community.EventPage",
        verbose_name=_("arrangement"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(
        _("navn"), max_length=200, help_text=_("Deltagerens fulde navn, som det står på deltagerlisten.")
    )
    email = models.EmailField(
        _("e-mail"),
        max_length=254,
        help_text=_("Deltagerens e-mail; bekræftelser og ændringer sendes hertil."),
    )
    answers = models.JSONField(_("svar"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("tilmeldt"), default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(_("afmeldt"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["confirmed", "waitlist"]),
                name="one_active_registration_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.event.title}"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waitlisted(self):
        return self.status == RegistrationStatus.WAITLIST

    @property
    def is_cancelled(self):
        return self.status == RegistrationStatus.CANCELLED

    def manage_path(self):
        return self.event.url + self.event.reverse_subpage("registration", kwargs={"token": self.token})

    def waitlist_position(self):
        if not self.is_waitlisted:
            return None
        earlier = Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
        return Registration.objects.waitlist().filter(event_id=self.event_id).filter(earlier).count() + 1

    def answers_text(self):
        """The answers on one line, for the list and the CSV export."""
        return "; ".join(f"{item['question']}: {item['answer']}" for item in self.answers or [])

    answers_text.short_description = _("svar")
