"""Ideas: members submit them on behalf of their organisation, organisations pledge support, members
comment and follow, and the secretariat moves them through states it configures itself. Every state
change and moderation action is kept in a log shown with the idea."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

# FollowFrequency is shared with products; the ideas code keeps importing it from here.
from ..following.models import Follow, FollowFrequency  # noqa: F401
from ..members.models import Organisation
from ..private_files import private_storage


class IdeaState(models.Model):
    """A state an idea can be in. The secretariat edits the list; the one with the lowest order is the
    state a newly submitted idea starts in."""

    name = models.CharField(
        _("navn"), max_length=100, help_text=_("Tilstandens navn, som det vises på idéen.")
    )
    slug = models.SlugField(
        _("kort navn i adressen"),
        max_length=100,
        unique=True,
        help_text=_("Små bogstaver og bindestreger; bruges i adressen på filteret."),
    )
    description = models.TextField(
        _("forklaring"), blank=True, help_text=_("Vises på idéen, så alle ved, hvad tilstanden betyder.")
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0, help_text=_("Lavere tal vises først."))
    is_open_for_support = models.BooleanField(
        _("åben for opbakning"),
        default=False,
        help_text=_("Organisationer kan give tilsagn i denne tilstand."),
    )
    support_threshold_organisations = models.PositiveIntegerField(
        _("mål for antal organisationer"),
        null=True,
        blank=True,
        help_text=_("Hvor mange organisationer der skal bakke op, før idéen kan gå videre."),
    )
    support_threshold_amount = models.DecimalField(
        _("mål for medfinansiering (kr.)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Beløbet, idéen skal have i tilsagn for at nå målet. Tom: intet mål."),
    )
    is_final = models.BooleanField(
        _("afsluttende"), default=False, help_text=_("Idéen er afgjort og venter ikke på sekretariatet.")
    )
    pledges_are_binding = models.BooleanField(
        _("tilsagn er bindende"),
        default=False,
        help_text=_(
            "Idéen er godkendt: organisationer kan ikke længere trække eller ændre deres tilsagn selv, "
            "men må gå gennem sekretariatet."
        ),
    )
    requires_reason = models.BooleanField(
        _("kræver begrundelse"), default=False, help_text=_("Sekretariatet skal skrive en begrundelse.")
    )
    badge_variant = models.CharField(
        _("farve"),
        max_length=20,
        blank=True,
        choices=[
            ("info", _("Blå")),
            ("success", _("Grøn")),
            ("warning", _("Gul")),
            ("error", _("Rød")),
        ],
        help_text=_("Mærkets farve på idékortet."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("order"),
        FieldPanel("badge_variant"),
        MultiFieldPanel(
            [
                FieldPanel("is_open_for_support"),
                FieldPanel("support_threshold_organisations"),
                FieldPanel("support_threshold_amount"),
            ],
            heading=_("Opbakning"),
        ),
        FieldPanel("is_final"),
        FieldPanel("pledges_are_binding"),
        FieldPanel("requires_reason"),
    ]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("idé-tilstand")
        verbose_name_plural = _("idé-tilstande")

    def __str__(self):
        return self.name

    @classmethod
    def initial(cls):
        return cls.objects.order_by("order", "pk").first()


class IdeaArea(models.Model):
    """A product area (fagområde) an idea belongs to, so ideas can be filtered by area."""

    name = models.CharField(
        _("navn"), max_length=100, help_text=_("Områdets navn, som det vises i filtre og på idéerne.")
    )
    slug = models.SlugField(
        _("kort navn i adressen"),
        max_length=100,
        unique=True,
        help_text=_("Små bogstaver og bindestreger; bruges i adressen på filteret."),
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0, help_text=_("Lavere tal vises først."))

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("order")]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("produktområde")
        verbose_name_plural = _("produktområder")

    def __str__(self):
        return self.name


class IdeaQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)

    def public(self):
        """Submitted ideas the secretariat has not hidden: what every visitor may see."""
        return self.submitted().filter(is_hidden=False)

    def drafts(self):
        return self.filter(submitted_at__isnull=True)

    def with_support(self):
        """Each idea with its number of supporting organisations and the amount pledged."""
        return self.annotate(
            support_count=Count("pledges", distinct=True),
            support_amount=Sum("pledges__amount"),
        )

    def open_for_support(self):
        return self.filter(state__is_open_for_support=True)


class Idea(index.Indexed, models.Model):
    title = models.CharField(_("titel"), max_length=200, help_text=_("Idéens navn i én kort sætning."))
    need = models.TextField(_("behovet"), help_text=_("Hvilket problem løser idéen, og for hvem?"))
    benefit = models.TextField(_("forventet gevinst"), help_text=_("Hvad bliver bedre, og hvor meget?"))
    shared_with = models.TextField(
        _("hvem kan ellers have behovet"),
        blank=True,
        help_text=_("Andre myndigheder eller faggrupper, der kunne have gavn af idéen."),
    )
    area = models.ForeignKey(
        IdeaArea,
        verbose_name=_("produktområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
        help_text=_("Det produktområde, idéen hører til; bruges til filtre på idésiden."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="ideas",
        help_text=_("Den organisation, der har stillet idéen."),
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("indsendt af"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    state = models.ForeignKey(
        IdeaState,
        verbose_name=_("tilstand"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ideas",
        help_text=_("Tom, så længe idéen er en kladde."),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    submitted_at = models.DateTimeField(_("indsendt"), null=True, blank=True)
    is_hidden = models.BooleanField(
        _("skjult"), default=False, help_text=_("Skjulte idéer vises ikke for offentligheden.")
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("slået sammen med"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_ideas",
        help_text=_("Hvis idéen er en dublet: den idé, den er slået sammen med."),
    )
    became_product = models.ForeignKey(
        "products.ProductPage",
        verbose_name=_("blev til produktet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_ideas",
        help_text=_("Det produkt, idéen blev til. Sættes, når et projekt bliver til et produkt."),
    )
    # One token per submission form: a second POST of the same form (a double click) finds the idea the
    # first one created instead of creating another.
    form_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = IdeaQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("need"),
        index.SearchField("benefit"),
        index.SearchField("shared_with"),
        index.FilterField("state_id"),
        index.FilterField("is_hidden"),
        index.FilterField("submitted_at"),
        index.FilterField("organisation_id"),
        index.FilterField("area_id"),
    ]

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("idé")
        verbose_name_plural = _("idéer")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("idea_detail", kwargs={"pk": self.pk})

    # What search engines and link previews read (see home.seo).
    @property
    def meta_description(self):
        return self.need

    @property
    def is_draft(self):
        return self.submitted_at is None

    def is_visible_to(self, user):
        """Public ideas for all, drafts for their submitter, hidden ideas for the secretariat (who may
        moderate ideas) and the submitter."""
        is_submitter = user.is_authenticated and self.submitter_id == user.pk
        if self.is_draft:
            return is_submitter
        if self.is_hidden:
            return is_submitter or (user.is_authenticated and user.has_perm("community.change_idea"))
        return True

    def is_editable_by(self, user):
        """Only the submitter edits their own idea, and only until the secretariat starts on it."""
        if not user.is_authenticated or user.pk != self.submitter_id:
            return False
        return self.is_draft or self.state_id == getattr(IdeaState.initial(), "pk", None)

    @property
    def pledges_are_binding(self):
        """Once approved, the organisations' pledges are what the project was decided on."""
        return bool(self.state and self.state.pledges_are_binding)

    def support_totals(self):
        totals = self.pledges.aggregate(count=Count("pk"), amount=Sum("amount"))
        return {"count": totals["count"], "amount": totals["amount"] or 0}


class PledgeKind(models.TextChoices):
    INTEREST = "interesse", _("Interesse")
    PILOT = "pilot", _("Vil være pilot")
    COFUND = "medfinansiering", _("Vil medfinansiere")


class Pledge(models.Model):
    """An organisation's support for an idea (a non-binding tilsagn). One per organisation."""

    idea = models.ForeignKey(Idea, verbose_name=_("idé"), on_delete=models.CASCADE, related_name="pledges")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="idea_pledges"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("givet af"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="idea_pledges",
    )
    kind = models.CharField(
        _("opbakning"),
        max_length=20,
        choices=PledgeKind.choices,
        help_text=_("Hvordan organisationen bakker op: med penge, med tid eller som interesseret."),
    )
    amount = models.DecimalField(
        _("beløb (kr.)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Beløbet, organisationen vil bidrage med, i hele kroner."),
    )
    note = models.TextField(
        _("bemærkning"), blank=True, help_text=_("Organisationens bemærkning til tilsagnet.")
    )
    created_at = models.DateTimeField(_("givet"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("tilsagn")
        verbose_name_plural = _("tilsagn")
        constraints = [
            models.UniqueConstraint(fields=["idea", "organisation"], name="one_pledge_per_organisation"),
            models.CheckConstraint(
                condition=Q(kind="medfinansiering", amount__gt=0) | ~Q(kind="medfinansiering"),
                name="cofunding_pledge_has_amount",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.idea}"


class IdeaComment(models.Model):
    idea = models.ForeignKey(Idea, verbose_name=_("idé"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet af"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="idea_comments",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="idea_comments",
    )
    body = models.TextField(_("kommentar"), help_text=_("Kommentarens tekst, som medlemmet skrev den."))
    created_at = models.DateTimeField(_("skrevet"), default=timezone.now)
    is_hidden = models.BooleanField(
        _("skjult"),
        default=False,
        help_text=_("Skjulte kommentarer vises ikke på idéen. Skriv en begrundelse."),
    )

    panels = [FieldPanel("body"), FieldPanel("is_hidden")]

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")

    def __str__(self):
        return f"{self.author_name}: {self.body[:60]}"

    @property
    def author_name(self):
        if not self.author:
            return _("Tidligere bruger")
        return self.author.get_full_name() or self.author.get_username()


class CommentReport(models.Model):
    """A member flags a comment for the secretariat."""

    comment = models.ForeignKey(
        IdeaComment, verbose_name=_("kommentar"), on_delete=models.CASCADE, related_name="reports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("anmeldt af"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("begrundelse"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("anmeldt"), auto_now_add=True)
    resolved = models.BooleanField(_("behandlet"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("anmeldelse af kommentar")
        verbose_name_plural = _("anmeldelser af kommentarer")
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="one_report_per_user")]

    def __str__(self):
        return f"{self.comment} ({self.user})"


class IdeaFollow(Follow):
    idea = models.ForeignKey(Idea, verbose_name=_("idé"), on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="idea_follows",
    )

    class Meta:
        verbose_name = _("følger")
        verbose_name_plural = _("følgere")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="follow_an_idea_once")]

    def __str__(self):
        return f"{self.user} → {self.idea}"


class LogKind(models.TextChoices):
    SUBMITTED = "indsendt", _("Indsendt")
    STATE = "tilstand", _("Tilstand ændret")
    EDITED = "redigeret", _("Redigeret af sekretariatet")
    HIDDEN = "skjult", _("Skjult")
    SHOWN = "vist", _("Vist igen")
    COMMENT_HIDDEN = "kommentar-skjult", _("Kommentar skjult")
    COMMENT_SHOWN = "kommentar-vist", _("Kommentar vist igen")
    PLEDGE_GIVEN = "tilsagn-givet", _("Tilsagn givet")
    PLEDGE_CHANGED = "tilsagn-aendret", _("Tilsagn ændret")
    PLEDGE_WITHDRAWN = "tilsagn-trukket", _("Tilsagn trukket tilbage")

    @classmethod
    def public(cls):
        """What everyone reading the idea sees in its history (moderation stays with the secretariat)."""
        return [
            cls.SUBMITTED,
            cls.STATE,
            cls.EDITED,
            cls.PLEDGE_GIVEN,
            cls.PLEDGE_CHANGED,
            cls.PLEDGE_WITHDRAWN,
        ]


class IdeaLogEntry(models.Model):
    """What happened to an idea, when, by whom and why: state changes and the secretariat's actions."""

    idea = models.ForeignKey(Idea, verbose_name=_("idé"), on_delete=models.CASCADE, related_name="log")
    kind = models.CharField(_("hændelse"), max_length=20, choices=LogKind.choices)
    from_state = models.ForeignKey(
        IdeaState, verbose_name=_("fra"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_state = models.ForeignKey(
        IdeaState, verbose_name=_("til"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.ForeignKey(
        IdeaComment,
        verbose_name=_("kommentar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("begrundelse"), blank=True)
    # A pledge's entries keep what was pledged, by whom, even after the pledge itself is gone.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pledge_kind = models.CharField(_("opbakning"), max_length=20, choices=PledgeKind.choices, blank=True)
    amount = models.DecimalField(_("beløb (kr.)"), max_digits=12, decimal_places=0, null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("udført af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tidspunkt"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("logpost")
        verbose_name_plural = _("log")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%d.%m.%Y})"


def attachment_path(instance, filename):
    # A random folder per file: names stay readable but cannot be guessed or collide.
    return f"ideer/bilag/{uuid.uuid4().hex}/{filename}"


class IdeaAttachment(models.Model):
    idea = models.ForeignKey(
        Idea, verbose_name=_("idé"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("fil"), upload_to=attachment_path, storage=private_storage, max_length=300)
    name = models.CharField(_("filnavn"), max_length=200)
    size = models.PositiveIntegerField(_("størrelse (byte)"))
    created_at = models.DateTimeField(_("tilføjet"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("idea_attachment", kwargs={"pk": self.idea_id, "attachment_pk": self.pk})
