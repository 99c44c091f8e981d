"""The secretariat hears by e-mail about everything that waits for it — a new idea, a reported comment,
a join application, a page a coordinator submits for approval — and each mail's link opens the
screen where a member of the Sekretariat group acts on it. (Member accounts awaiting approval:
tests/community/members/test_signup_and_approval.py.)"""

import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import WorkflowState

from community.ideas import services
from community.ideas.models import Idea
from community.joining.models import AgreementTemplate
from tests.community.joining.test_applications import PUBLIC_URL, public_data
from tests.factories import (
    AgreementTemplateFactory,
    IdeaStateFactory,
    JoinPageFactory,
    OrganisationFactory,
    catalogue,
    coordinator_of,
    member_of,
    product_with_tabs,
    secretary,
    submitted_idea,
)
from tests.products.test_coordinator_permissions import tab_form

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

SECRETARY = "anne.lund@os2.example.dk"


@pytest.fixture
def secretary_client():
    client = Client()
    client.force_login(secretary(SECRETARY))
    return client


@pytest.fixture
def states():
    """The secretariat's first state, where a submitted idea starts."""
    IdeaStateFactory(name="Indsendt", slug="indsendt", order=10)


@pytest.fixture
def member(states):
    """An approved member of a municipality."""
    ballerup = OrganisationFactory(name="Ballerup Kommune", kind="kommune")
    return member_of(ballerup, "karen.berg@ballerup.example.dk")


def to_secretary(subject_part=""):
    return [m for m in mail.outbox if m.to == [SECRETARY] and subject_part in m.subject]


def admin_links(message):
    return [urlsplit(url).path for url in re.findall(r"https?://\S+", message.body) if "/admin/" in url]


def test_a_new_idea_reaches_the_secretariat_and_its_link_opens(member, secretary_client):
    client = Client()
    client.force_login(member)
    mail.outbox.clear()
    client.post(
        "/ideer/ny/",
        {
            "title": "Fælles vikarbank for dagtilbud",
            "need": "Dagtilbuddene mangler vikarer med kort varsel.",
            "benefit": "Færre lukkedage.",
            "shared_with": "",
            "form_token": str(uuid.uuid4()),
            "action": "submit",
            "website": "",
        },
    )
    assert Idea.objects.filter(title="Fælles vikarbank for dagtilbud").exists()
    (alert,) = to_secretary("Fælles vikarbank")
    links = admin_links(alert)
    assert links
    for path in links:
        assert secretary_client.get(path).status_code == 200, path


def test_a_reported_comment_reaches_the_secretariat_once(member, secretary_client):
    aarhus = OrganisationFactory(name="Aarhus Kommune")
    author = member_of(aarhus, "jens.holm@aarhus.example.dk", first_name="Jens", last_name="Holm")
    idea = submitted_idea(author, "Fælles booking af mødelokaler")
    comment = services.add_comment(idea, author, aarhus, "Køb vores bookingsystem på bookingsystem.example.")
    client = Client()
    client.force_login(member)
    mail.outbox.clear()
    url = f"/ideer/{comment.idea_id}/kommentarer/{comment.pk}/anmeld/"
    client.post(url, {"reason": "Reklame for et firma."})
    (alert,) = to_secretary("anmeldt")
    assert "Reklame for et firma." in alert.body
    assert comment.idea.title in alert.subject
    for path in admin_links(alert):
        assert secretary_client.get(path).status_code == 200, path
    # A second member's report of the same comment adds to the queue's count, not to the inbox.
    other = member_of(OrganisationFactory(name="Hedensted Kommune"), "sofie.dahl@hedensted.example.dk")
    client.force_login(other)
    client.post(url, {"reason": ""})
    assert len(to_secretary("anmeldt")) == 1
    assert comment.reports.filter(resolved=False).count() == 2


def test_an_application_reaches_the_secretariat_and_its_link_opens(secretary_client):
    JoinPageFactory()
    for order, kind in enumerate(AgreementTemplate.Kind):
        AgreementTemplateFactory(kind=kind, sort_order=order)
    mail.outbox.clear()
    Client().post(PUBLIC_URL, public_data())
    (alert,) = to_secretary("Testrup Kommune")
    links = admin_links(alert)
    assert links
    for path in links:
        assert secretary_client.get(path).status_code == 200, path


def test_a_page_submitted_for_approval_reaches_the_secretariat(secretary_client):
    product = product_with_tabs(catalogue(), "OS2mo")
    tab = product.get_children().first().specific
    coordinator = Client()
    coordinator.force_login(coordinator_of(product))
    mail.outbox.clear()
    response = coordinator.post(
        f"/admin/pages/{tab.pk}/edit/",
        tab_form("Om OS2mo, opdateret", slug=tab.slug, **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    assert WorkflowState.objects.filter(
        object_id=str(tab.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()
    alerts = [m for m in mail.outbox if m.to == [SECRETARY]]
    assert alerts, [m.to for m in mail.outbox]
    assert "Om OS2mo, opdateret" in alerts[0].subject + alerts[0].body
    links = admin_links(alerts[0])
    assert links
    for path in links:
        assert secretary_client.get(path).status_code == 200, path
