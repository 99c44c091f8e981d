"""The e-mails of an application's life: receipt, secretariat alert, approval with invitation, rejection."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from home import mail
from home.addresses import absolute_url

from ..members.emails import secretariat_emails


def application_received(application):
    mail.send(
        "community/emails/application_received.txt",
        _("OS2 har modtaget jeres ansøgning"),
        [application.contact_email],
        {"application": application},
    )
    mail.send(
        "community/emails/application_alert.txt",
        _("Ny medlemsansøgning: %(name)s"),
        secretariat_emails(),
        {
            "application": application,
            "admin_url": absolute_url(
                reverse("wagtailsnippets_community_joinapplication:inspect", args=[application.pk])
            ),
        },
        subject_args={"name": application.organisation_name},
    )


def application_approved(application, invitation):
    mail.send(
        "community/emails/application_approved.txt",
        _("Velkommen i OS2"),
        [application.contact_email],
        {
            "application": application,
            "invitation_url": absolute_url(invitation.get_absolute_url()),
            "profile_url": absolute_url(application.organisation.get_absolute_url()),
        },
    )


def application_rejected(application):
    mail.send(
        "community/emails/application_rejected.txt",
        _("Jeres ansøgning om medlemskab af OS2"),
        [application.contact_email],
        {"application": application},
    )
