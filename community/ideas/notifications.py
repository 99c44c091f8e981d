"""Who hears about what: followers of an idea on state changes and new comments (at once, or bundled in
a daily digest), and the secretariat on new submissions."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import FollowFrequency, IdeaComment, IdeaFollow, IdeaLogEntry, LogKind

from .tasks import send_email


def absolute(url):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def _instant_recipients(idea, exclude_user=None):
    follows = idea.follows.filter(
        frequency=FollowFrequency.INSTANT, user__is_active=True, user__email__gt=""
    ).select_related("user")
    if exclude_user is not None:
        follows = follows.exclude(user=exclude_user)
    return sorted({follow.user.email for follow in follows})


def _send(subject, template, context, recipients):
    if recipients:
        body = render_to_string(template, context)
        send_email.enqueue(subject=subject, body=body, recipients=list(recipients))


def state_changed(entry):
    idea = entry.idea
    _send(
        _("Idéen “%(title)s” er nu: %(state)s") % {"title": idea.title, "state": entry.to_state},
        "community/emails/idea_state_changed.txt",
        {"idea": idea, "entry": entry, "url": absolute(idea.get_absolute_url())},
        _instant_recipients(idea, exclude_user=entry.user),
    )


def comment_added(comment):
    idea = comment.idea
    _send(
        _("Ny kommentar til idéen “%(title)s”") % {"title": idea.title},
        "community/emails/idea_comment_added.txt",
        {
            "idea": idea,
            "comment": comment,
            "url": absolute(idea.get_absolute_url() + f"#kommentar-{comment.pk}"),
        },
        _instant_recipients(idea, exclude_user=comment.author),
    )


def idea_submitted(idea):
    """Alerts everyone who may moderate ideas."""
    moderators = (
        get_user_model()
        .objects.with_perm("community.change_idea", backend="django.contrib.auth.backends.ModelBackend")
        .filter(email__gt="")
    )
    _send(
        _("Ny idé til moderation: %(title)s") % {"title": idea.title},
        "community/emails/idea_submitted.txt",
        {
            "idea": idea,
            "url": absolute(idea.get_absolute_url()),
            "admin_url": absolute(reverse("wagtailsnippets_community_idea:edit", args=[idea.pk])),
        },
        sorted({user.email for user in moderators}),
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
    by_user = {}
    for follow in follows:
        by_user.setdefault(follow.user, []).append(follow)
    sent = 0
    for user, user_follows in by_user.items():
        sections = []
        for follow in user_follows:
            since = max(filter(None, [follow.created_at, follow.digest_sent_until]))
            changes = list(
                IdeaLogEntry.objects.filter(
                    idea=follow.idea, kind=LogKind.STATE, created_at__gt=since, created_at__lte=now
                )
                .exclude(user=user)
                .select_related("to_state")
            )
            comments = list(
                IdeaComment.objects.filter(
                    idea=follow.idea, is_hidden=False, created_at__gt=since, created_at__lte=now
                )
                .exclude(author=user)
                .select_related("author")
            )
            if changes or comments:
                sections.append(
                    {
                        "idea": follow.idea,
                        "url": absolute(follow.idea.get_absolute_url()),
                        "changes": changes,
                        "comments": comments,
                    }
                )
        if sections:
            _send(
                _("Nyt om de idéer, du følger"),
                "community/emails/idea_digest.txt",
                {"user": user, "sections": sections},
                [user.email],
            )
            sent += 1
        IdeaFollow.objects.filter(pk__in=[follow.pk for follow in user_follows]).update(digest_sent_until=now)
    return sent
