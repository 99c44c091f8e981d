"""The mails of a request to join a working group: a receipt to the person and a notice to whoever
decides, then the decision to the person, in the language they asked in."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from home import mail
from home.addresses import absolute_url

from ..members.emails import secretariat_emails


def decider_emails(group):
    """The group's contact decides when they have an account; otherwise the secretariat does."""
    if group.contact_user_id and group.contact_user.is_active and group.contact_user.email:
        return [group.contact_user.email]
    return secretariat_emails()


def _context(request):
    return {
        "request": request,
        "group": request.group,
        "product": request.group.product,
        "product_url": absolute_url(request.group.product.url or ""),
    }


def request_received(request):
    mail.send(
        "community/emails/working_group_request_received.txt",
        _("Din anmodning om at komme med i %(group)s"),
        [request.user.email],
        _context(request),
        subject_args={"group": request.group.name},
        language=request.language,
    )
    mail.send(
        "community/emails/working_group_request_alert.txt",
        _("Anmodning om at komme med i %(group)s"),
        decider_emails(request.group),
        {
            **_context(request),
            "admin_url": absolute_url(reverse("decide_working_group_request", args=[request.pk])),
        },
        subject_args={"group": request.group.name},
    )


def request_approved(request):
    mail.send(
        "community/emails/working_group_request_approved.txt",
        _("Du er kommet med i %(group)s"),
        [request.user.email],
        _context(request),
        subject_args={"group": request.group.name},
        language=request.language,
    )


def request_declined(request):
    mail.send(
        "community/emails/working_group_request_declined.txt",
        _("Din anmodning om at komme med i %(group)s"),
        [request.user.email],
        _context(request),
        subject_args={"group": request.group.name},
        language=request.language,
    )
