"""A product's working groups: its steering group, coordination group and professional groups, each with
a mandate (kommissorium), a contact, members and meetings (the product's events, with minutes), and the
requests members make to join a group."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from home.decisions import Decidable


class GroupKind(models.TextChoices):
    STYREGRUPPE = "styregruppe", _("Styregruppe")
    KOORDINATIONSGRUPPE = "koordinationsgruppe", _("Koordinationsgruppe")
    FAGGRUPPE = "faggruppe", _("Faggruppe")


# Steering first, then coordination, then the professional groups: the order of their authority.
KIND_ORDER = {kind: position for position, kind in enumerate(GroupKind.values)}


class GroupRole(models.TextChoices):
    FORMAND = "formand", _("Formand")
    NAESTFORMAND = "naestformand", _("Næstformand")
    SEKRETAER = "sekretaer", _("Sekretær")
    MEDLEM = "medlem", _("Medlem")


ROLE_ORDER = {role: position for position, role in enumerate(GroupRole.values)}


class WorkingGroup(ClusterableModel, index.Indexed):
    """One group around one product. Its members and meetings are edited on the same form."""

    product = models.ForeignKey(
        "products.ProductPage",
        verbose_name=_("produkt"),
        on_delete=models.CASCADE,
        related_name="working_groups",
        help_text=_("Produktet, gruppen arbejder for. Gruppen vises på produktets side."),
    )
    kind = models.CharField(
        _("slags"),
        max_length=30,
        choices=GroupKind.choices,
        help_text=_("Styregruppen beslutter, koordinationsgruppen prioriterer, faggrupper rådgiver."),
    )
    name = models.CharField(
        _("navn"), max_length=200, help_text=_("F.eks. “Styregruppen for OS2mo” eller “Faggruppe for løn”.")
    )
    description = models.TextField(_("beskrivelse"), blank=True, help_text=_("Hvad gruppen gør, kort."))
    mandate = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("kommissorium"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Dokumentet med gruppens opgaver og beføjelser. Det kan hentes fra produktsiden."),
    )
    contact = models.ForeignKey(
        "products.ContactPerson",
        verbose_name=_("kontaktperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_groups",
        help_text=_("Vises på produktsiden som gruppens kontakt."),
    )
    contact_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kontaktpersonens brugerkonto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_working_groups",
        limit_choices_to={"affiliation__status": "godkendt"},
        help_text=_(
            "Kontaktpersonen, hvis vedkommende har en konto: godkender eller afviser anmodninger om at "
            "komme med i gruppen. Uden konto gør sekretariatet det. Vælg blandt gruppens medlemmer."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("rækkefølge"), default=0, help_text=_("Grupper med et lavere tal vises først på produktsiden.")
    )

    panels = [
        # A plain list of products rather than the page chooser: a coordinator sees only their own.
        FieldPanel("product", widget=forms.Select),
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("mandate"),
        MultiFieldPanel([FieldPanel("contact"), FieldPanel("contact_user")], heading=_("Kontakt")),
        InlinePanel("members", heading=_("Medlemmer"), label=_("medlem")),
        InlinePanel("meetings", heading=_("Møder"), label=_("møde")),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("product"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("arbejdsgruppe")
        verbose_name_plural = _("arbejdsgrupper")
        ordering = ["product__title", "sort_order", "name"]

    def __str__(self):
        return self.name

    def has_member(self, user):
        return self.members.filter(user=user).exists()


class WorkingGroupMember(Orderable):
    """A person in a group: a member account (their name follows the account) or a named person without
    one, the organisation they sit for, and their role."""

    group = ParentalKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("brugerkonto"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="working_group_memberships",
        limit_choices_to={"affiliation__status": "godkendt"},
        help_text=_("Personens konto på sitet. Vælg den, eller skriv et navn nedenfor."),
    )
    name = models.CharField(
        _("navn"), max_length=200, blank=True, help_text=_("For en person uden konto på sitet.")
    )
    organisation = models.ForeignKey(
        "community.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_group_members",
        help_text=_("Den organisation, personen sidder i gruppen for."),
    )
    role = models.CharField(
        _("rolle"),
        max_length=20,
        choices=GroupRole.choices,
        default=GroupRole.MEDLEM,
        help_text=_("Personens rolle i gruppen, f.eks. formand."),
    )

    panels = [FieldPanel("user"), FieldPanel("name"), FieldPanel("organisation"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("gruppemedlem")
        verbose_name_plural = _("gruppemedlemmer")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"], condition=Q(user__isnull=False), name="one_seat_per_account"
            )
        ]

    def __str__(self):
        return f"{self.person_name} – {self.get_role_display()}"

    def clean(self):
        super().clean()
        if not self.user_id and not self.name.strip():
            raise ValidationError({"name": _("Vælg en brugerkonto, eller skriv personens navn.")})

    @property
    def person_name(self):
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return self.name


class WorkingGroupMeeting(Orderable):
    """A meeting of the group: one of the product's events, and its minutes once written."""

    group = ParentalKey(WorkingGroup, on_delete=models.CASCADE, related_name="meetings")
    event = models.ForeignKey(
        "community.EventPage",
        verbose_name=_("arrangement"),
        on_delete=models.CASCADE,
        related_name="working_group_meetings",
        help_text=_("Mødet som arrangement om produktet: tid, sted og tilmelding står der."),
    )
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("referat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Tilføjes, når mødet er holdt. Referatet kan hentes fra produktsiden."),
    )

    panels = [FieldPanel("event"), FieldPanel("minutes")]

    class Meta(Orderable.Meta):
        verbose_name = _("møde")
        verbose_name_plural = _("møder")

    def __str__(self):
        return str(self.event)


class RequestStatus(models.TextChoices):
    PENDING = "afventer", _("Afventer")
    APPROVED = "godkendt", _("Godkendt")
    DECLINED = "afvist", _("Afvist")
    # The person took the request back before it was decided; nobody needs to decide it any more.
    WITHDRAWN = "trukket_tilbage", _("Trukket tilbage")


class WorkingGroupRequest(Decidable, models.Model):
    """A member's request to join a group, decided by the group's contact or the secretariat."""

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("arbejdsgruppe"),
        on_delete=models.CASCADE,
        related_name="requests",
        help_text=_("Gruppen, personen beder om at komme med i."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="working_group_requests",
        help_text=_("Den konto, der har sendt anmodningen."),
    )
    organisation = models.ForeignKey(
        "community.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="working_group_requests",
        help_text=_("Den organisation, personen vil sidde i gruppen for."),
    )
    message = models.TextField(
        _("besked"), blank=True, help_text=_("Personens egen begrundelse for at komme med.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.PENDING,
        help_text=_("Afgøres med knappen “Behandl” i listen over anmodninger."),
    )
    # The requester's language, so the answer reaches them in the language they asked in.
    language = models.CharField(
        _("sprog"), max_length=10, default="da", help_text=_("Svaret sendes på dette sprog.")
    )
    requested_at = models.DateTimeField(
        _("anmodet"), default=timezone.now, help_text=_("Hvornår anmodningen blev sendt.")
    )
    decided_at = models.DateTimeField(
        _("afgjort"),
        null=True,
        blank=True,
        help_text=_("Hvornår anmodningen blev afgjort eller trukket tilbage."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgjort af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Den, der godkendte eller afviste anmodningen, eller personen selv, hvis den blev trukket tilbage."
        ),
    )
    reason = models.TextField(
        _("begrundelse"), blank=True, help_text=_("Sendes til personen sammen med afgørelsen.")
    )

    open_state = RequestStatus.PENDING

    class Meta:
        verbose_name = _("anmodning om arbejdsgruppe")
        verbose_name_plural = _("anmodninger om arbejdsgrupper")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(status="afventer"),
                name="one_open_group_request",
            )
        ]

    def __str__(self):
        return f"{self.person_name} → {self.group}"

    @property
    def person_name(self):
        return self.user.get_full_name() or self.user.get_username()
