"""The e-mails of a sign-up's life: confirmed, on the waitlist, moved up from it, cancelled, and the
event cancelled. A confirmed seat comes with the event's calendar file."""

from django.utils.translation import gettext_lazy as _

from home import mail
from home.addresses import absolute_url

from .calendar import build_calendar

SUBJECTS = {
    "confirmed": _("Du er tilmeldt: %(title)s"),
    "waitlist": _("Du er på venteliste: %(title)s"),
    "promoted": _("Du har fået en plads: %(title)s"),
    "cancelled": _("Din afmelding er modtaget: %(title)s"),
    "event_cancelled": _("Aflyst: %(title)s"),
}


def registration_changed(registration, kind):
    event = registration.event
    attachments = []
    if kind in ("confirmed", "promoted"):
        calendar = build_calendar([event], event.title, for_participant=True).decode()
        attachments.append((f"{event.slug}.ics", calendar, "text/calendar; method=PUBLISH; charset=utf-8"))
    mail.send(
        "community/emails/registration.txt",
        SUBJECTS[kind],
        [registration.email],
        {
            "registration": registration,
            "event": event,
            "kind": kind,
            "event_url": absolute_url(event.url),
            "manage_url": absolute_url(registration.manage_path()),
            "waitlist_position": registration.waitlist_position(),
        },
        subject_args={"title": event.title},
        reply_to=[event.contact_email] if event.contact_email else [],
        attachments=attachments,
    )
