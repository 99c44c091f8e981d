"""The project list and a project's page take a fixed number of queries however many projects,
backers and milestones they show."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Milestone, PledgeKind, Project, ProjectBacker
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

_numbers = itertools.count(1)


def add_projects(count):
    for _ in range(count):
        number = next(_numbers)
        project = Project(title=f"Projekt {number}", slug=f"projekt-{number}", summary="Et fælles projekt.")
        project.backers.add(
            ProjectBacker(organisation=OrganisationFactory(), kind=PledgeKind.COFUND, amount=Decimal(10_000))
        )
        project.save()


def add_to(project, count):
    for _ in range(count):
        number = next(_numbers)
        project.backers.add(ProjectBacker(organisation=OrganisationFactory(), kind=PledgeKind.PILOT))
        project.milestones.add(Milestone(title=f"Milepæl {number}", due_on=datetime.date(2027, 1, 1)))
    project.save()


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_list_takes_as_many_queries_for_more_projects(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    add_projects(2)
    before, _html = count(client, "/projekter/")
    add_projects(4)
    after, html = count(client, "/projekter/")
    assert "Projekt 6" in html
    assert after <= before <= 15


def test_a_project_page_takes_as_many_queries_for_more_backers_and_milestones(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    project = Project.objects.create(title="Sensorer", slug="sensorer", summary="Sensorer i skoler.")
    add_to(project, 1)
    before, _html = count(client, project.get_absolute_url())
    add_to(project, 5)
    after, html = count(client, project.get_absolute_url())
    assert html.count("<tr>") == 1 + 6
    assert after <= before <= 15
