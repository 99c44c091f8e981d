"""Background work of the community app: e-mail. With the default immediate backend it runs at once;
with a database queue a worker sends the mail, so a slow mail server never holds up a page."""

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_email(subject, body, to, from_email=None, html=None, reply_to=None):
    message = EmailMultiAlternatives(subject, body, from_email, to, reply_to=reply_to or None)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


SUBJECTS = {
    "confirmed": "Du er tilmeldt: {title}",
    "waitlist": "Du er på venteliste: {title}",
    "promoted": "Du har fået en plads: {title}",
    "cancelled": "Din afmelding er modtaget: {title}",
    "event_cancelled": "Aflyst: {title}",
}


@task()
def send_registration_email(registration_id, kind):
    """The e-mail for one step of a sign-up; a confirmed seat comes with the event's calendar file."""
    from .calendar import absolute, build_calendar
    from .models import Registration

    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None:
        return
    event = registration.event
    with translation.override("da"):
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "event_url": absolute(event.url),
            "manage_url": absolute(registration.manage_path()),
            "waitlist_position": registration.waitlist_position(),
        }
        body = render_to_string("community/emails/registration.txt", context)
        message = EmailMessage(
            subject=SUBJECTS[kind].format(title=event.title),
            body=body,
            to=[registration.email],
            reply_to=[event.contact_email] if event.contact_email else None,
        )
        if kind in ("confirmed", "promoted"):
            message.attach(
                f"{event.slug}.ics",
                build_calendar([event], event.title, for_participant=True),
                "text/calendar; method=PUBLISH; charset=utf-8",
            )
        message.send()
