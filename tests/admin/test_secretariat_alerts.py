"""The secretariat hears by e-mail about everything that waits for it — a new idea, a reported comment,
a join application, a page a coordinator submits for approval — and each mail's link opens the
screen where the demo's Sekretariat member acts on it. (Member accounts awaiting approval:
tests/community/members/test_signup_and_approval.py.)"""

import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from wagtail.models import WorkflowState

from community.ideas.models import Idea, IdeaComment
from community.members.demo import DEMO_SECRETARIAT
from community.members.models import Affiliation
from products.models import ProductPage
from tests.community.joining.test_applications import PUBLIC_URL, public_data
from tests.products.test_coordinator_permissions import tab_form

pytestmark = pytest.mark.django_db

SECRETARY = DEMO_SECRETARIAT[2]


@pytest.fixture
def secretary_client(demo):
    client = Client()
    client.force_login(get_user_model().objects.get(email=SECRETARY))
    return client


@pytest.fixture
def member(demo):
    """An approved member of a municipality (from the demo)."""
    return Affiliation.objects.filter(status="godkendt", organisation__kind="kommune").first().user


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
    comment = (
        IdeaComment.objects.filter(is_hidden=False, idea__is_hidden=False).exclude(author=member).first()
    )
    assert comment is not None
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
    other = (
        Affiliation.objects.filter(status="godkendt")
        .exclude(user=member)
        .exclude(user=comment.author)
        .first()
    )
    client.force_login(other.user)
    client.post(url, {"reason": ""})
    assert len(to_secretary("anmeldt")) == 1
    assert comment.reports.filter(resolved=False).count() == 2


def test_an_application_reaches_the_secretariat_and_its_link_opens(secretary_client):
    mail.outbox.clear()
    Client().post(PUBLIC_URL, public_data())
    (alert,) = to_secretary("Testrup Kommune")
    links = admin_links(alert)
    assert links
    for path in links:
        assert secretary_client.get(path).status_code == 200, path


def test_a_page_submitted_for_approval_reaches_the_secretariat(secretary_client):
    product = ProductPage.objects.get(slug="os2mo")
    tab = product.get_children().first().specific
    coordinator = Client()
    coordinator.force_login(get_user_model().objects.get(username="tovholder-os2mo"))
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
