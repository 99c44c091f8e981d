"""Who hears about what: followers of an idea on state changes and new comments (at once, or bundled in
a daily digest), and the secretariat on new submissions and reported comments."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home import mail
from home.addresses import absolute_url

from ..following.digests import mail_digests
from .models import FollowFrequency, IdeaComment, IdeaFollow, IdeaLogEntry, LogKind


def _instant_recipients(idea, exclude_user=None):
    follows = idea.follows.filter(
        frequency=FollowFrequency.INSTANT, user__is_active=True, user__email__gt=""
    ).select_related("user")
    if exclude_user is not None:
        follows = follows.exclude(user=exclude_user)
    return sorted({follow.user.email for follow in follows})


def _about_idea(idea, template, subject, to, *, comment=None, subject_args=None, **context):
    """What every mail about one idea has in common: the idea and its address in the text (at the
    comment, where the mail is about one) and its title in the subject."""
    path = idea.get_absolute_url()
    if comment is not None:
        path += f"#kommentar-{comment.pk}"
        context["comment"] = comment
    mail.send(
        template,
        subject,
        to,
        {"idea": idea, "url": absolute_url(path), **context},
        subject_args={"title": idea.title, **(subject_args or {})},
    )


def state_changed(entry):
    _about_idea(
        entry.idea,
        "community/emails/idea_state_changed.txt",
        _("Idéen “%(title)s” er nu: %(state)s"),
        _instant_recipients(entry.idea, exclude_user=entry.user),
        entry=entry,
        subject_args={"state": str(entry.to_state)},
    )


def comment_added(comment):
    _about_idea(
        comment.idea,
        "community/emails/idea_comment_added.txt",
        _("Ny kommentar til idéen “%(title)s”"),
        _instant_recipients(comment.idea, exclude_user=comment.author),
        comment=comment,
    )


def moderator_emails():
    """Everyone who may moderate ideas (the secretariat's group gives it)."""
    moderators = (
        get_user_model()
        .objects.with_perm("community.change_idea", backend="django.contrib.auth.backends.ModelBackend")
        .filter(email__gt="")
    )
    return sorted({user.email for user in moderators})


def idea_submitted(idea):
    """Alerts everyone who may moderate ideas."""
    _about_idea(
        idea,
        "community/emails/idea_submitted.txt",
        _("Ny idé til moderation: %(title)s"),
        moderator_emails(),
        admin_url=absolute_url(reverse("wagtailsnippets_community_idea:edit", args=[idea.pk])),
    )


def comment_reported(report):
    """Alerts the moderators when a comment is first reported: they decide in the moderation queue
    whether to hide it. Further reports of the same comment add to the queue's count, not to the mail."""
    comment = report.comment
    _about_idea(
        comment.idea,
        "community/emails/idea_comment_reported.txt",
        _("Kommentar anmeldt på idéen “%(title)s”"),
        moderator_emails(),
        comment=comment,
        report=report,
        queue_url=absolute_url(reverse("idea_moderation:index")),
        admin_url=absolute_url(reverse("wagtailsnippets_community_ideacomment:edit", args=[comment.pk])),
    )


def send_digests(now=None):
    """One e-mail per user bundling what happened since their last digest on every idea they follow
    with the daily setting. Returns the number of e-mails sent."""
    now = now or timezone.now()
    follows = (
        IdeaFollow.objects.filter(
            frequency=FollowFrequency.DIGEST, user__is_active=True, user__email__gt="", idea__is_hidden=False
        )
        .select_related("user", "idea")
        .order_by("user_id", "idea__title")
    )

    def section(follow):
        since = follow.digest_since()
        changes = list(
            IdeaLogEntry.objects.filter(
                idea=follow.idea, kind=LogKind.STATE, created_at__gt=since, created_at__lte=now
            )
            .exclude(user=follow.user)
            .select_related("to_state")
        )
        comments = list(
            IdeaComment.objects.filter(
                idea=follow.idea, is_hidden=False, created_at__gt=since, created_at__lte=now
            )
            .exclude(author=follow.user)
            .select_related("author")
        )
        if not (changes or comments):
            return None
        return {
            "idea": follow.idea,
            "url": absolute_url(follow.idea.get_absolute_url()),
            "changes": changes,
            "comments": comments,
        }

    return mail_digests(
        follows, section, "community/emails/idea_digest.txt", _("Nyt om de idéer, du følger"), now
    )
