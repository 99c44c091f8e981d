"""Projects: what an approved idea becomes. A project keeps the ideas it came from, the organisations
that back it (carried over from the ideas' pledges), its budget, milestones, lead and contact, and, when
it is done, the product it became, so an idea's whole story can be told from either end."""

from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from ..ideas.models import PledgeKind
from ..members.models import Organisation


class ProjectState(models.TextChoices):
    PREPARING = "forberedelse", _("Under forberedelse")
    RUNNING = "i-gang", _("I gang")
    FINISHED = "afsluttet", _("Afsluttet")
    PRODUCT = "blev-til-produkt", _("Blev til produkt")
    STOPPED = "stoppet", _("Stoppet")


STATE_BADGES = {
    ProjectState.PREPARING: "info",
    ProjectState.RUNNING: "warning",
    ProjectState.FINISHED: "success",
    ProjectState.PRODUCT: "success",
    ProjectState.STOPPED: "error",
}


class ProjectQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        """Published projects: what every visitor may see."""
        return self.filter(live=True)

    def with_funding(self):
        return self.annotate(committed=Sum("backers__amount"))


class Project(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    title = models.CharField(_("titel"), max_length=200, help_text=_("Projektets navn."))
    slug = models.SlugField(
        _("kort navn i adressen"),
        max_length=100,
        unique=True,
        help_text=_("Små bogstaver og bindestreger; bruges i projektets adresse."),
    )
    summary = models.CharField(
        _("kort beskrivelse"), max_length=300, help_text=_("Vises i listen over projekter og i søgning.")
    )
    description = models.TextField(
        _("om projektet"), blank=True, help_text=_("Hvad projektet laver og hvorfor, til projektets side.")
    )
    state = models.CharField(
        _("tilstand"),
        max_length=20,
        choices=ProjectState.choices,
        default=ProjectState.PREPARING,
        help_text=_("Hvor projektet står, som det vises på projektets side."),
    )
    ideas = ParentalManyToManyField(
        "community.Idea",
        verbose_name=_("idéer bag projektet"),
        blank=True,
        related_name="projects",
        help_text=_("De idéer, projektet bygger på."),
    )
    lead_name = models.CharField(
        _("projektleder"), max_length=200, blank=True, help_text=_("Projektlederens navn.")
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("projektleders organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
        help_text=_("Den organisation, der leder projektet."),
    )
    contact_email = models.EmailField(
        _("kontakt (e-mail)"), blank=True, help_text=_("Hvor man kan skrive med spørgsmål om projektet.")
    )
    budget = models.DecimalField(
        _("budget (kr.)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Projektets samlede budget i hele kroner."),
    )
    started_on = models.DateField(
        _("startet"), null=True, blank=True, help_text=_("Dagen, projektet gik i gang.")
    )
    product = models.ForeignKey(
        "products.ProductPage",
        verbose_name=_("blev til produktet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        help_text=_('Det produkt, projektet blev til. Sættes af "Gør til produkt".'),
    )
    became_product_on = models.DateField(
        _("blev produkt den"),
        null=True,
        blank=True,
        help_text=_('Dagen, projektet blev til et produkt. Sættes af "Gør til produkt".'),
    )

    objects = ProjectQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("state"),
        MultiFieldPanel(
            [FieldPanel("lead_name"), FieldPanel("lead_organisation"), FieldPanel("contact_email")],
            heading=_("Projektleder og kontakt"),
        ),
        MultiFieldPanel([FieldPanel("budget"), FieldPanel("started_on")], heading=_("Økonomi og start")),
        InlinePanel("backers", heading=_("Organisationer bag projektet"), label=_("organisation")),
        InlinePanel("milestones", heading=_("Milepæle"), label=_("milepæl")),
        MultiFieldPanel(
            [FieldPanel("ideas"), FieldPanel("product"), FieldPanel("became_product_on")],
            heading=_("Fra idé til produkt"),
        ),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.FilterField("live"),
        index.FilterField("state"),
    ]

    class Meta:
        ordering = ["-started_on", "title"]
        verbose_name = _("projekt")
        verbose_name_plural = _("projekter")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("project_detail", kwargs={"slug": self.slug})

    # What search engines and link previews read (see home.seo).
    @property
    def meta_description(self):
        return self.summary

    @property
    def badge_variant(self):
        return STATE_BADGES.get(self.state, "")

    def committed_amount(self):
        return self.backers.aggregate(total=Sum("amount"))["total"] or 0

    def funding_percent(self, committed=None):
        """How much of the budget the backers have committed, in whole per cent (at most 100)."""
        if not self.budget:
            return None
        committed = self.committed_amount() if committed is None else committed
        return min(100, int(committed * 100 / self.budget))

    def milestone_progress(self):
        milestones = list(self.milestones.all())
        reached = sum(1 for milestone in milestones if milestone.status == MilestoneStatus.REACHED)
        return {"reached": reached, "total": len(milestones)}


class ProjectBacker(Orderable):
    """An organisation behind a project, most often carried over from its pledge to the idea."""

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="backers")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="backed_projects",
        help_text=_("Den organisation, der bakker op om projektet."),
    )
    kind = models.CharField(
        _("opbakning"),
        max_length=20,
        choices=PledgeKind.choices,
        help_text=_("Hvordan organisationen bakker op: med penge, med tid eller som interesseret."),
    )
    amount = models.DecimalField(
        _("medfinansiering (kr.)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Beløbet, organisationen bidrager med, i hele kroner."),
    )
    # The pledge it came from, so the idea's history and the project's stay one record.
    pledge = models.ForeignKey(
        "community.Pledge",
        verbose_name=_("tilsagn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_backings",
        editable=False,
    )

    panels = [FieldPanel("organisation"), FieldPanel("kind"), FieldPanel("amount")]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation bag projektet")
        verbose_name_plural = _("organisationer bag projektet")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="back_a_project_once"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="backing_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.project}"


class MilestoneStatus(models.TextChoices):
    PLANNED = "planlagt", _("Planlagt")
    RUNNING = "i-gang", _("I gang")
    REACHED = "naaet", _("Nået")
    LATE = "forsinket", _("Forsinket")


class Milestone(Orderable):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(
        _("milepæl"), max_length=200, help_text=_("Hvad der skal være nået, i én kort sætning.")
    )
    due_on = models.DateField(_("dato"), help_text=_("Dagen, milepælen skal være nået."))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
        help_text=_("Hvor langt milepælen er."),
    )

    panels = [FieldPanel("title"), FieldPanel("due_on"), FieldPanel("status")]

    class Meta(Orderable.Meta):
        verbose_name = _("milepæl")
        verbose_name_plural = _("milepæle")

    def __str__(self):
        return self.title
