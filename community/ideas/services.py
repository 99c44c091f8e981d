"""What happens to an idea, in one place for the member views, the admin and the demo: each step writes
the log and tells the people who asked to hear about it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import emails
from .models import FollowFrequency, IdeaFollow, IdeaLogEntry, IdeaState, LogKind


def follow(idea, user, frequency=FollowFrequency.INSTANT):
    """Start following (keeping an existing choice of frequency)."""
    return IdeaFollow.objects.get_or_create(idea=idea, user=user, defaults={"frequency": frequency})[0]


@transaction.atomic
def submit(idea, user):
    """A draft becomes a submitted idea in the first state; its submitter follows it. Submitting twice
    changes nothing."""
    if not idea.is_draft:
        return False
    idea.state = IdeaState.initial()
    idea.submitted_at = timezone.now()
    idea.save(update_fields=["state", "submitted_at", "updated_at"])
    IdeaLogEntry.objects.create(idea=idea, kind=LogKind.SUBMITTED, to_state=idea.state, user=user)
    follow(idea, user)
    emails.idea_submitted(idea)
    return True


@transaction.atomic
def change_state(idea, state, user, reason=""):
    """Moves an idea to another state, logs it and tells its followers. The idea must be saved by the
    caller when it changes more than its state."""
    previous = IdeaState.objects.filter(pk=idea.state_id).first() if idea.state_id else None
    idea.state = state
    idea.save(update_fields=["state", "updated_at"])
    return record_state_change(idea, previous, user, reason)


def record_state_change(idea, previous, user, reason=""):
    """Logs a state change already saved on the idea and tells its followers."""
    entry = IdeaLogEntry.objects.create(
        idea=idea, kind=LogKind.STATE, from_state=previous, to_state=idea.state, user=user, reason=reason
    )
    emails.state_changed(entry)
    return entry


def log(idea, kind, user, reason="", comment=None):
    return IdeaLogEntry.objects.create(idea=idea, kind=kind, user=user, reason=reason, comment=comment)


@transaction.atomic
def add_comment(idea, user, organisation, body):
    comment = idea.comments.create(author=user, organisation=organisation, body=body)
    follow(idea, user)
    emails.comment_added(comment)
    return comment


class PledgeIsBinding(ValidationError):
    """The idea is approved: its pledges are what the decision rests on and change only through the
    secretariat."""

    def __init__(self):
        super().__init__(
            _(
                "Idéen er godkendt, så jeres tilsagn er bindende og kan ikke længere ændres eller trækkes "
                "tilbage her. Skriv til sekretariatet, hvis jeres organisations tilsagn skal ændres."
            ),
            code="binding",
        )


def log_pledge(pledge, kind, user):
    """The pledge as it stands (or stood) in the idea's history."""
    return IdeaLogEntry.objects.create(
        idea_id=pledge.idea_id,
        kind=kind,
        organisation_id=pledge.organisation_id,
        pledge_kind=pledge.kind,
        amount=pledge.amount,
        user=user,
    )


@transaction.atomic
def add_pledge(idea, user, organisation, kind, amount=None, note=""):
    pledge = idea.pledges.create(user=user, organisation=organisation, kind=kind, amount=amount, note=note)
    log_pledge(pledge, LogKind.PLEDGE_GIVEN, user)
    follow(idea, user)
    return pledge


@transaction.atomic
def change_pledge(pledge, user, kind, amount=None, note=""):
    """A member changes their organisation's pledge while the idea is not yet approved."""
    if pledge.idea.pledges_are_binding:
        raise PledgeIsBinding()
    if (pledge.kind, pledge.amount, pledge.note) == (kind, amount, note):
        return pledge
    pledge.kind, pledge.amount, pledge.note, pledge.user = kind, amount, note, user
    pledge.save(update_fields=["kind", "amount", "note", "user"])
    log_pledge(pledge, LogKind.PLEDGE_CHANGED, user)
    return pledge


@transaction.atomic
def withdraw_pledge(pledge, user):
    """A member withdraws their organisation's pledge while the idea is not yet approved."""
    if pledge.idea.pledges_are_binding:
        raise PledgeIsBinding()
    log_pledge(pledge, LogKind.PLEDGE_WITHDRAWN, user)
    pledge.delete()
