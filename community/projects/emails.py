"""Who hears that an idea became a project: the members following the idea who asked to hear at once
(a daily digest covers the idea's own log, not its projects)."""

from django.utils.translation import gettext_lazy as _

from home import mail
from home.addresses import absolute_url

from ..ideas.models import FollowFrequency


def idea_became_project(idea, project, by_user=None):
    follows = idea.follows.filter(
        frequency=FollowFrequency.INSTANT, user__is_active=True, user__email__gt=""
    ).select_related("user")
    if by_user is not None:
        follows = follows.exclude(user=by_user)
    mail.send(
        "community/emails/idea_became_project.txt",
        _("Idéen “%(title)s” er blevet et projekt"),
        [follow.user.email for follow in follows],
        {"idea": idea, "project": project, "url": absolute_url(project.get_absolute_url())},
        subject_args={"title": idea.title},
    )
