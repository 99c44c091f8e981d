"""Registering for events (signing up) and cancelling, with the waitlist.

Every change to an event's seats happens in a transaction that first locks the event's row
(`select_for_update`), so two people taking the last seat at the same moment are served one after the
other: one gets the seat, the other the waitlist. E-mails are sent once the transaction has committed.
"""

from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import emails
from .models import Registration, RegistrationStatus


class RegistrationError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _locked_event(event):
    return type(event).objects.select_for_update(of=("self",)).get(pk=event.pk)


def _mail_after_commit(registration, kind):
    transaction.on_commit(partial(emails.registration_changed, registration, kind))


def register(event, *, name, email, user=None, answers=None):
    """Sign someone up: a seat while there are any, else the waitlist. Returns the Registration."""
    email = email.strip().lower()
    try:
        with transaction.atomic():
            event = _locked_event(event)
            reason = event.registration_closed_reason()
            if reason:
                raise RegistrationError(reason)
            if event.registrations.active().filter(email=email).exists():
                raise RegistrationError(
                    _(
                        "Der er allerede en tilmelding med denne e-mailadresse. Brug linket i din "
                        "bekræftelsesmail for at se eller afmelde den."
                    )
                )
            confirmed = event.registrations.confirmed().count()
            has_seat = event.capacity is None or confirmed < event.capacity
            registration = Registration.objects.create(
                event=event,
                user=user,
                name=name,
                email=email,
                answers=answers or [],
                status=RegistrationStatus.CONFIRMED if has_seat else RegistrationStatus.WAITLIST,
            )
            _mail_after_commit(registration, "confirmed" if has_seat else "waitlist")
    except IntegrityError as error:
        # The same address signing up twice at the same moment: the database's constraint decides.
        raise RegistrationError(_("Der er allerede en tilmelding med denne e-mailadresse.")) from error
    return registration


def cancel(registration):
    """Cancel a sign-up; a freed seat goes to the first on the waitlist. Cancelling twice is harmless."""
    with transaction.atomic():
        event = _locked_event(registration.event)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.is_cancelled:
            return current
        current.status = RegistrationStatus.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        _mail_after_commit(current, "cancelled")
        fill_from_waitlist(event, locked=True)
    registration.refresh_from_db()
    return registration


def cancel_event(event):
    """The event is cancelled: every active sign-up ends and its holder gets an e-mail, once."""
    with transaction.atomic():
        event = _locked_event(event)
        active = list(event.registrations.active().select_for_update())
        for registration in active:
            registration.status = RegistrationStatus.CANCELLED
            registration.cancelled_at = timezone.now()
            registration.save(update_fields=["status", "cancelled_at"])
            _mail_after_commit(registration, "event_cancelled")
    return active


def fill_from_waitlist(event, locked=False):
    """Give free seats to the waitlist in order of sign-up (after a cancellation or more seats).
    Returns the registrations that moved up."""
    with transaction.atomic():
        if not locked:
            event = _locked_event(event)
        if event.cancelled or event.is_past():
            return []
        waiting = event.registrations.waitlist()
        if event.capacity is not None:
            free = event.capacity - event.registrations.confirmed().count()
            if free <= 0:
                return []
            waiting = waiting[:free]
        promoted = list(waiting.select_for_update())
        for registration in promoted:
            registration.status = RegistrationStatus.CONFIRMED
            registration.save(update_fields=["status"])
            _mail_after_commit(registration, "promoted")
        return promoted


def remove(registration):
    """Remove a sign-up altogether (the person deleted their account); a freed seat goes to the first on
    the waitlist. No mail goes to the removed person."""
    with transaction.atomic():
        event = _locked_event(registration.event)
        Registration.objects.filter(pk=registration.pk).delete()
        fill_from_waitlist(event, locked=True)
