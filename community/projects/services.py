"""The secretariat's two steps: an approved idea becomes a project, a finished project becomes a
product page. Each keeps every link, so the idea, the project and the product tell one story."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from products.models import ProductIndexPage, ProductPage, ProductStatus

from ..ideas.models import Idea, Pledge
from . import emails
from .models import Project, ProjectBacker, ProjectState


class ConversionError(Exception):
    """Why an idea or project cannot be converted, in words for the secretariat."""


def _unique_slug(base, taken):
    # Danish letters spelled out, as organisations' addresses are, rather than dropped.
    danish = base.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    base = (slugify(danish) or "projekt")[:90]
    slug, number = base, 2
    while taken(slug):
        slug, number = f"{base}-{number}", number + 1
    return slug


def check_idea(idea):
    if idea.is_draft:
        raise ConversionError(_("Idéen er en kladde og kan ikke blive et projekt."))
    if idea.is_hidden:
        raise ConversionError(_("Idéen er skjult. Vis den igen, før den bliver et projekt."))
    if idea.merged_into_id:
        raise ConversionError(_("Idéen er slået sammen med en anden idé. Gør den anden idé til et projekt."))
    if not (idea.state and idea.state.pledges_are_binding):
        # Approval is what makes the pledges binding; before it they cannot be carried over as backers.
        raise ConversionError(
            _("Idéen er ikke godkendt endnu. Sæt den i en tilstand, hvor tilsagn er bindende, først.")
        )
    existing = idea.projects.first()
    if existing:
        raise ConversionError(_("Idéen er allerede blevet til projektet “%(title)s”.") % {"title": existing})


@transaction.atomic
def project_from_idea(idea, user, title=None, notify=True):
    """A published project from an idea: its title and texts, its organisation as lead, and every
    organisation that pledged to it (or to an idea merged into it) as a backer."""
    check_idea(idea)
    title = title or idea.title
    first, _sep, rest = idea.need.strip().partition("\n")
    project = Project(
        title=title,
        slug=_unique_slug(title, lambda slug: Project.objects.filter(slug=slug).exists()),
        # The need's first paragraph is the summary; the page goes on with the rest and the benefit.
        summary=first[:300],
        description=f"{rest}\n\n{idea.benefit}".strip(),
        state=ProjectState.PREPARING,
        lead_organisation=idea.organisation,
        started_on=timezone.localdate(),
    )
    project.save()
    project.ideas.set([idea])
    pledges = Pledge.objects.filter(idea__in=[idea, *idea.merged_ideas.all()]).select_related("organisation")
    seen = set()
    for order, pledge in enumerate(pledges.order_by("created_at")):
        if pledge.organisation_id in seen:
            continue
        seen.add(pledge.organisation_id)
        project.backers.add(
            ProjectBacker(
                organisation=pledge.organisation,
                kind=pledge.kind,
                amount=pledge.amount,
                pledge=pledge,
                sort_order=order,
            )
        )
    project.save()
    project.save_revision(user=user, log_action=True).publish(user=user)
    if notify:
        emails.idea_became_project(idea, project, by_user=user)
    return project


def check_project(project):
    if project.product_id:
        raise ConversionError(
            _("Projektet er allerede blevet til produktet “%(title)s”.") % {"title": project.product.title}
        )
    if not project.live:
        raise ConversionError(_("Projektet er ikke udgivet. Udgiv det, før det bliver et produkt."))
    if catalogue() is None:
        raise ConversionError(_("Der er ingen produktoversigt at oprette produktsiden under."))


def catalogue():
    return ProductIndexPage.objects.filter(locale__language_code="da").first()


@transaction.atomic
def product_from_project(project, user):
    """A draft product page under the catalogue, filled in from the project, for the secretariat to
    finish and publish through the usual approval; the project and its ideas point to it at once (the
    public sees the link when the page is published)."""
    check_project(project)
    parent = catalogue()
    page = ProductPage(
        title=project.title,
        slug=_unique_slug(project.title, lambda slug: parent.get_children().filter(slug=slug).exists()),
        tagline=project.summary[:150],
        introduction=project.description,
        status=ProductStatus.PRODUKT,
        live=False,
    )
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    project.product = page
    project.state = ProjectState.PRODUCT
    project.became_product_on = timezone.localdate()
    project.save()
    project.save_revision(user=user, log_action=True).publish(user=user)
    Idea.objects.filter(projects=project, became_product__isnull=True).update(became_product=page)
    return page
