"""Members comment on ideas (readable by everyone), follow ideas and are e-mailed about state changes and
new comments at once, in a daily digest (`send_idea_digest`) or not at all, as they choose per idea.
Members report comments to the secretariat. Commenting is for members only, rate-limited and guarded by
a honeypot; comment text is escaped."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from community.ideas import services
from community.models import CommentReport, FollowFrequency, IdeaComment, IdeaFollow
from tests.markup import parse, text

# Depends on the day it runs: .ci/run runs it on the calendar's edge days too.
pytestmark = [pytest.mark.django_db, pytest.mark.factories, pytest.mark.calendar]


def comment(client, idea, body, **extra):
    return client.post(f"/ideer/{idea.pk}/kommenter/", {"body": body, "website": "", **extra})


def test_a_comment_is_public_and_followers_are_told_at_once(
    client, make_idea, member, other_member, organisations
):
    idea = make_idea()
    mail.outbox.clear()
    client.force_login(other_member)
    response = comment(client, idea, "Vi vil gerne <em>pilotteste</em>.")
    saved = IdeaComment.objects.get(idea=idea)
    assert response["Location"].endswith(f"#kommentar-{saved.pk}")
    response = client.__class__().get(idea.get_absolute_url())
    assert "Vi vil gerne &lt;em&gt;pilotteste&lt;/em&gt;." in response.content.decode()
    shown = parse(response).find("li", id=f"kommentar-{saved.pk}")
    assert text(shown.find("div")) == "Vi vil gerne <em>pilotteste</em>." and shown.find("em") is None
    # The comment's first line: who wrote it, and when.
    meta = " ".join(shown.p.get_text().split())
    assert meta.startswith(f"{other_member.get_full_name()}, {organisations[1].name} · ")
    # The submitter follows their idea and hears of the comment; the writer does not hear of their own.
    recipients = [message.to[0] for message in mail.outbox]
    assert recipients == [member.email]
    assert "Ny kommentar" in mail.outbox[0].subject
    assert "Vi vil gerne <em>pilotteste</em>." in mail.outbox[0].body
    assert f"https://os2.test/ideer/{idea.pk}/#kommentar-{saved.pk}" in mail.outbox[0].body
    # Commenting makes the writer a follower.
    assert IdeaFollow.objects.filter(idea=idea, user=other_member).exists()


def test_state_changes_reach_followers_unless_they_turned_mails_off(
    client, make_idea, member, other_member, state
):
    idea = make_idea(state_slug="under-behandling")
    client.force_login(other_member)
    client.post(f"/ideer/{idea.pk}/foelg/", {"frequency": FollowFrequency.INSTANT})
    client.force_login(member)
    client.post(f"/ideer/{idea.pk}/foelg/", {"frequency": FollowFrequency.OFF})
    mail.outbox.clear()
    services.change_state(idea, state("aaben-for-opbakning"), None, "Flere har vist interesse.")
    assert [message.to[0] for message in mail.outbox] == [other_member.email]
    assert "Åben for opbakning" in mail.outbox[0].subject
    assert "Flere har vist interesse." in mail.outbox[0].body


def test_following_can_be_changed_and_stopped(client, make_idea, other_member):
    idea = make_idea()
    client.force_login(other_member)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Få besked, når idéen skifter tilstand" in page
    client.post(f"/ideer/{idea.pk}/foelg/", {"frequency": FollowFrequency.DIGEST})
    assert (
        "E-mails om nye tilstande og kommentarer: samlet én gang i døgnet"
        in client.get(idea.get_absolute_url()).content.decode()
    )
    response = client.post(f"/ideer/{idea.pk}/foelg/", {"frequency": "hver time"})
    assert response.status_code == 400 and "Marker en gyldig valgmulighed" in response.content.decode()
    client.post(f"/ideer/{idea.pk}/foelg/", {"action": "unfollow"})
    assert not IdeaFollow.objects.filter(idea=idea, user=other_member).exists()


def test_the_daily_digest_bundles_news_once(
    client, make_idea, member, other_member, organisations, make_member, state
):
    first = make_idea(title="Første idé om digitale nøgler")
    second = make_idea(title="Anden idé om elektroniske låse")
    for idea in (first, second):
        IdeaFollow.objects.filter(idea=idea, user=member).update(
            frequency=FollowFrequency.DIGEST, created_at=timezone.now() - datetime.timedelta(days=1)
        )
    mail.outbox.clear()
    client.force_login(other_member)
    comment(client, first, "Spændende – hvad med adgang for vikarer?")
    services.change_state(second, state("godkendt-som-projekt"), None, "Bestyrelsen sagde ja.")
    assert member.email not in [message.to[0] for message in mail.outbox]

    call_command("send_idea_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    digests = [message for message in mail.outbox if message.to == [member.email]]
    assert len(digests) == 1
    body = digests[0].body
    assert "Første idé om digitale nøgler" in body and "hvad med adgang for vikarer?" in body
    assert "Anden idé om elektroniske låse" in body and "Godkendt som projekt" in body
    assert "Bestyrelsen sagde ja." in body

    mail.outbox.clear()
    call_command("send_idea_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not [message for message in mail.outbox if message.to == [member.email]]


def test_only_members_comment(client, make_idea, django_user_model):
    idea = make_idea()
    assert comment(client, idea, "Hej").status_code == 403
    client.force_login(django_user_model.objects.create_user("uden", "uden@example.dk", "pw-123456789"))
    assert comment(client, idea, "Hej").status_code == 403
    assert "Skriv kommentar" not in client.get(idea.get_absolute_url()).content.decode()
    assert not idea.comments.exists()


def test_bad_comments_bots_and_floods_are_refused(client, make_idea, other_member, settings):
    idea = make_idea()
    client.force_login(other_member)
    response = comment(client, idea, "   ")
    assert response.status_code == 400 and "Skriv en kommentar." in response.content.decode()
    response = comment(client, idea, "x" * 5001)
    assert response.status_code == 400 and "højst være på 5000 tegn" in response.content.decode()
    comment(client, idea, "Køb billige ure", website="http://spam.example")
    assert not idea.comments.exists()

    settings.RATE_LIMITS = {"idea-comment": (2, 600)}
    for number in range(2):
        assert comment(client, idea, f"Kommentar {number}").status_code == 302
    response = comment(client, idea, "En for meget")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Du har skrevet mange kommentarer på kort tid" in page and "En for meget" in page
    assert idea.comments.count() == 2


def test_members_report_a_comment_to_the_secretariat(client, make_idea, member, other_member):
    idea = make_idea()
    saved = services.add_comment(idea, other_member, other_member.affiliation.organisation, "Upassende tekst")
    client.force_login(member)
    client.post(f"/ideer/{idea.pk}/kommentarer/{saved.pk}/anmeld/", {"reason": ""})
    client.post(f"/ideer/{idea.pk}/kommentarer/{saved.pk}/anmeld/", {"reason": ""})
    assert CommentReport.objects.filter(comment=saved).count() == 1
    assert "Du har anmeldt kommentaren." in client.get(idea.get_absolute_url()).content.decode()
