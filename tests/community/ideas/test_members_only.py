""" "Members only" means approved members of a member organisation, everywhere: signing up for a members'
event (and so seeing its participants-only meeting link), reading a page restricted to logged-in users,
following ideas and reporting comments. A fresh account that the secretariat has not approved gets none
of it and is told it awaits approval; so does an account of an organisation that is no longer a member.
The idea edit page answers 404 alike for a hidden idea and for one that does not exist."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from community.models import AffiliationStatus, CommentReport, IdeaFollow, Registration
from home.models import HomePage
from tests.factories import ContentPageFactory, EventPageFactory, events_page

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

MEETING = "https://meet.example.org/generalforsamling-hemmelig"
AWAITS = "afventer sekretariatets godkendelse"


@pytest.fixture
def pending(organisations, make_member):
    return make_member(organisations[2], status=AffiliationStatus.PENDING)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def general_assembly(db):
    return EventPageFactory(
        parent=events_page(),
        title="Generalforsamling",
        guests_allowed=False,
        place_name="",
        online_url=MEETING,
        online_url_for_participants_only=True,
    )


def test_a_pending_account_cannot_sign_up_for_a_members_event(general_assembly, pending):
    client = logged_in(pending)
    html = client.get(general_assembly.url).content.decode()
    assert AWAITS in html and MEETING not in html
    client.post(general_assembly.url, {"name": "Ny Konto", "email": pending.email})
    assert not Registration.objects.filter(event=general_assembly).exists()
    assert MEETING not in client.get(general_assembly.url).content.decode()


def test_an_approved_member_signs_up_and_sees_the_meeting_link(general_assembly, member):
    client = logged_in(member)
    assert client.post(general_assembly.url, {}).status_code == 302
    assert Registration.objects.filter(event=general_assembly, user=member).exists()
    assert MEETING in client.get(general_assembly.url).content.decode()


def test_a_member_of_a_former_member_organisation_is_no_member(general_assembly, member):
    organisation = member.affiliation.organisation
    organisation.is_member = False
    organisation.save()
    client = logged_in(member)
    client.post(general_assembly.url, {})
    assert not Registration.objects.filter(event=general_assembly).exists()
    assert client.get("/ideer/ny/").status_code == 403


@pytest.fixture
def members_page(db):
    page = ContentPageFactory(parent=HomePage.objects.get(locale__language_code="da"), title="Om OS2")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def test_a_login_restricted_page_is_for_approved_members(members_page, pending, member):
    url = members_page.url
    assert Client().get(url).status_code == 302  # to the login page
    response = logged_in(pending).get(url)
    assert response.status_code == 403
    assert AWAITS in response.content.decode() and members_page.title not in response.content.decode()
    response = logged_in(member).get(url)
    assert response.status_code == 200 and members_page.title in response.content.decode()


def test_a_pending_account_cannot_follow_ideas_or_report_comments(make_idea, pending, other_member):
    idea = make_idea()
    client = logged_in(other_member)
    client.post(f"/ideer/{idea.pk}/kommenter/", {"body": "Vi er med.", "website": ""})
    comment = idea.comments.get()

    client = logged_in(pending)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert AWAITS in html
    assert f"/ideer/{idea.pk}/foelg/" not in html and "anmeld/" not in html
    assert client.post(f"/ideer/{idea.pk}/foelg/", {"frequency": "straks"}).status_code == 403
    assert not IdeaFollow.objects.filter(user=pending).exists()
    report = client.post(f"/ideer/{idea.pk}/kommentarer/{comment.pk}/anmeld/", {"reason": "Spam"})
    assert report.status_code == 403
    assert not CommentReport.objects.exists()


def test_an_approved_member_follows_ideas(make_idea, other_member):
    idea = make_idea()
    client = logged_in(other_member)
    assert f"/ideer/{idea.pk}/foelg/" in client.get(idea.get_absolute_url()).content.decode()
    client.post(f"/ideer/{idea.pk}/foelg/", {"frequency": "straks"})
    assert IdeaFollow.objects.filter(user=other_member, idea=idea).exists()


def test_the_edit_page_does_not_tell_that_a_hidden_idea_exists(make_idea, other_member):
    hidden = make_idea(title="Skjult idé", is_hidden=True)
    client = logged_in(other_member)
    assert client.get(f"/ideer/{hidden.pk}/rediger/").status_code == 404
    assert client.get(f"/ideer/{hidden.pk + 1000}/rediger/").status_code == 404
    assert client.get(f"/ideer/{make_idea().pk}/rediger/").status_code == 403  # public: no secret
