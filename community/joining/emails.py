"""The e-mails of an application's life: receipt, secretariat alert, approval with invitation, rejection."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ..notifications import secretariat_emails


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(template, subject, recipients, **context):
    if recipients:
        send_mail(subject, render_to_string(f"community/emails/{template}.txt", context), None, recipients)


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
