"""The e-mails of an application's life: receipt, secretariat alert, approval with invitation, rejection."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ..accounts import secretariat_emails
from ..accounts import site_url as absolute
from ..tasks import send_email


def _send(template, subject, recipients, **context):
    """Queued like every other mail of the site (sent by the task worker where one is configured)."""
    if recipients:
        body = render_to_string(f"community/emails/{template}.txt", context)
        send_email.enqueue(subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body, to=recipients)


def application_received(application):
    _send(
        "application_received",
        _("OS2 har modtaget jeres ansøgning"),
        [application.contact_email],
        application=application,
    )
    _send(
        "application_alert",
        _("Ny medlemsansøgning: %(name)s") % {"name": application.organisation_name},
        secretariat_emails(),
        application=application,
        admin_url=absolute(f"/admin/snippets/community/membershipapplication/inspect/{application.pk}/"),
    )


def application_approved(application, invitation):
    _send(
        "application_approved",
        _("Velkommen i OS2"),
        [application.contact_email],
        application=application,
        invitation_url=absolute(invitation.get_absolute_url()),
        profile_url=absolute(application.organisation.get_absolute_url()),
    )


def application_rejected(application):
    _send(
        "application_rejected",
        _("Jeres ansøgning om medlemskab af OS2"),
        [application.contact_email],
        application=application,
    )
