"""Projects in the open data API: the published ones with their backers, committed amounts, milestones,
the public ideas behind them and the product they became once visitors may open it; drafts and hidden
ideas never appear."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from community.models import Idea, Milestone, MilestoneStatus, PledgeKind, Project, ProjectBacker
from tests.factories import OrganisationFactory, ProductPageFactory, catalogue

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def projects():
    index = catalogue()
    ballerup = OrganisationFactory(name="Ballerup Kommune")
    ishoej = OrganisationFactory(name="Ishøj Kommune", slug="ishoej-kommune")
    public_idea = Idea.objects.create(
        title="Sensorer i skoler",
        need="Behov",
        benefit="Gevinst",
        organisation=ballerup,
        submitted_at=timezone.now(),
    )
    hidden_idea = Idea.objects.create(
        title="Skjult idé",
        need="Behov",
        benefit="Gevinst",
        organisation=ballerup,
        submitted_at=timezone.now(),
        is_hidden=True,
    )
    draft_product = ProductPageFactory(parent=index, title="OS2sensor", live=False)
    project = Project(
        title="Sensorer",
        slug="sensorer",
        summary="Sensorer i skoler.",
        state="blev-til-produkt",
        budget=Decimal(400_000),
        started_on=datetime.date(2026, 1, 5),
        lead_name="Jonas Kragh",
        lead_organisation=ballerup,
        product=draft_product,
        became_product_on=datetime.date(2026, 11, 1),
    )
    project.backers.add(ProjectBacker(organisation=ishoej, kind=PledgeKind.COFUND, amount=Decimal(100_000)))
    project.milestones.add(
        Milestone(title="Pilot", due_on=datetime.date(2026, 6, 1), status=MilestoneStatus.REACHED)
    )
    project.save()
    project.ideas.set([public_idea, hidden_idea])
    project.save()
    Project.objects.create(title="Kladde", slug="kladde", summary="Ikke udgivet.", live=False)
    return {"project": project, "product": draft_product, "idea": public_idea}


def test_published_projects_with_their_backers_and_milestones(client, projects):
    body = client.get("/api/v1/projects").json()
    assert body["count"] == 1
    project = body["results"][0]
    assert project["slug"] == "sensorer"
    assert project["url"].endswith("/projekter/sensorer/")
    assert project["budget"] == 400_000 and project["committed"] == 100_000
    assert project["backers"] == [
        {
            "organisation": {"slug": "ishoej-kommune", "name": "Ishøj Kommune"},
            "kind": "medfinansiering",
            "amount": 100_000,
        }
    ]
    assert project["milestones"] == [
        {"title": "Pilot", "date": "2026-06-01", "status": "naaet", "status_name": "Nået"}
    ]
    assert project["ideas"] == [{"id": projects["idea"].pk, "title": "Sensorer i skoler"}]
    # The product page is still a draft: not named yet.
    assert project["product"] is None and project["became_product_on"] is None


def test_the_product_is_named_once_published(client, projects):
    projects["product"].save_revision().publish()
    project = client.get("/api/v1/projects/sensorer").json()
    assert project["product"] == {"slug": projects["product"].slug, "name": "OS2sensor"}
    assert project["became_product_on"] == "2026-11-01"


def test_drafts_and_unknown_projects_are_not_found(client, projects):
    assert client.get("/api/v1/projects/kladde").status_code == 404
    assert client.get("/api/v1/projects/findes-ikke").status_code == 404
    assert client.get("/api/v1/projects?state=ukendt").status_code in (400, 422)
