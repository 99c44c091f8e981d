"""Demo projects, each in another state: the sensor idea that became OS2iot, the election staffing
idea under way with milestones, and a project the secretariat is still drafting (never shown)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from products.models import ProductPage

from ..ideas.models import Idea
from .models import Milestone, MilestoneStatus, Project, ProjectState
from .services import project_from_idea

# idea title, project title, state, budget, lead, contact, product slug, milestones (title, days from start, status)
PROJECTS = [
    (
        "Fælles platform til sensorer i kommunale bygninger",
        "Fælles platform til sensorer",
        ProjectState.PRODUCT,
        Decimal(1_200_000),
        "Jonas Kragh",
        "iot-projekt@os2.example.dk",
        "os2iot",
        [
            ("Fælles kravspecifikation", 14, MilestoneStatus.REACHED),
            ("Leverandør valgt", 30, MilestoneStatus.REACHED),
            ("Pilot i tre kommuner", 45, MilestoneStatus.REACHED),
            ("Overdraget til drift som produkt", 60, MilestoneStatus.REACHED),
        ],
    ),
    (
        "Vagtplaner til valgtilforordnede uden regneark",
        "Vagtplaner til valgtilforordnede",
        ProjectState.RUNNING,
        Decimal(800_000),
        "Louise Bach",
        "valg-projekt@os2.example.dk",
        None,
        [
            ("Fælles kravspecifikation", 10, MilestoneStatus.REACHED),
            ("Leverandør valgt", 35, MilestoneStatus.REACHED),
            ("Pilot ved næste valg", 120, MilestoneStatus.RUNNING),
            ("Klar til alle kommuner", 240, MilestoneStatus.PLANNED),
        ],
    ),
]

SUMMARIES = {
    "Fælles platform til sensorer": "En fælles platform, hvor kommunerne forbinder og styrer sensorer i "
    "bygninger, så data om indeklima og energi kan deles på tværs.",
    "Vagtplaner til valgtilforordnede": "Kommunerne bemander valgstederne i ét fælles system i stedet for "
    "regneark: tilforordnede, valgstyrere og vagtplaner samlet ét sted.",
}

DRAFT = (
    "Fælles driftsovervågning",
    "faelles-driftsovervaagning",
    "Overvågning af OS2-løsningernes drift på tværs af kommuner: et projekt, sekretariatet stadig forbereder.",
)


def _approved_on(idea):
    entry = idea.log.filter(to_state__slug="godkendt-som-projekt").order_by("created_at").first()
    return (
        timezone.localdate(entry.created_at) if entry else timezone.localdate() - datetime.timedelta(days=90)
    )


def _became_product_on(idea):
    """The day the idea's history says it became a product, or None."""
    entry = idea.log.filter(to_state__slug="blev-til-produkt").order_by("created_at").first()
    return timezone.localdate(entry.created_at) if entry else None


def load():
    created = 0
    today = timezone.localdate()
    for idea_title, title, state, budget, lead, contact, product_slug, milestones in PROJECTS:
        idea = Idea.objects.filter(title=idea_title).first()
        if idea is None or idea.projects.exists():
            continue
        # Demo followers are told nothing: the demo only shows what happened.
        project = project_from_idea(idea, None, title=title, notify=False)
        started = _approved_on(idea)
        project.started_on = started
        project.summary = SUMMARIES[title]
        project.state = state
        project.budget = budget
        project.lead_name = lead
        project.contact_email = contact
        # A project that became a product did so the day its idea's history says; its milestones are
        # spread over the time it took.
        finished = _became_product_on(idea) if product_slug else None
        scale = (finished - started).days / milestones[-1][1] if finished and finished > started else 1
        if product_slug:
            project.product = ProductPage.objects.filter(slug=product_slug).first()
            project.became_product_on = finished or min(
                today, started + datetime.timedelta(days=milestones[-1][1])
            )
        running = False
        for order, (name, days, status) in enumerate(milestones):
            due_on = started + datetime.timedelta(days=round(days * scale))
            # The demo is built on any day: a running project has reached the milestones behind it,
            # works on the first one ahead and has the rest planned.
            if not finished and due_on <= today:
                status = MilestoneStatus.REACHED
            elif not finished:
                status = MilestoneStatus.PLANNED if running else MilestoneStatus.RUNNING
                running = True
            project.milestones.add(Milestone(title=name, due_on=due_on, status=status, sort_order=order))
        project.save()
        project.save_revision().publish()
        created += 1 + len(milestones)
    title, slug, summary = DRAFT
    if not Project.objects.filter(slug=slug).exists():
        Project.objects.create(title=title, slug=slug, summary=summary, live=False)
        created += 1
    return created
