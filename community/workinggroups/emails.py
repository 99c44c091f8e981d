"""The mails of a request to join a working group: a receipt to the person and a notice to whoever
decides, then the decision to the person, in the language they asked in. When a person withdraws their
request or leaves a group, whoever looks after the group hears of it (in Danish, like the other notices to
those who decide)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from home import mail
from home.addresses import absolute_url
from products.emails import coordinator_emails

from ..members.emails import secretariat_emails
from .models import GroupRole


def decider_emails(group):
    """The group's contact decides when they have an account; otherwise the secretariat does."""
    if group.contact_user_id and group.contact_user.is_active and group.contact_user.email:
        return [group.contact_user.email]
    return secretariat_emails()


def keeper_emails(group):
    """Who looks after the group's members: whoever decides its requests, and the product's coordinators,
    who edit the group."""
    return [*decider_emails(group), *coordinator_emails(group.product)]


def _context(request):
    return {
        "request": request,
        "group": request.group,
        "product": request.group.product,
        "product_url": absolute_url(request.group.product.url or ""),
    }


def _to_person(request, template, subject):
    """To the person who asked, in the language they asked in."""
    mail.send(
        template,
        subject,
        [request.user.email],
        _context(request),
        subject_args={"group": request.group.name},
        language=request.language,
    )


def _alert(request, template, subject, to):
    """To those who decide or look after the group, in Danish, with a link to the request."""
    mail.send(
        template,
        subject,
        to,
        {
            **_context(request),
            "admin_url": absolute_url(reverse("decide_working_group_request", args=[request.pk])),
        },
        subject_args={"group": request.group.name},
    )


def request_received(request):
    _to_person(
        request,
        "community/emails/working_group_request_received.txt",
        _("Din anmodning om at komme med i %(group)s"),
    )
    _alert(
        request,
        "community/emails/working_group_request_alert.txt",
        _("Anmodning om at komme med i %(group)s"),
        decider_emails(request.group),
    )


def request_approved(request):
    _to_person(
        request, "community/emails/working_group_request_approved.txt", _("Du er kommet med i %(group)s")
    )


def request_declined(request):
    _to_person(
        request,
        "community/emails/working_group_request_declined.txt",
        _("Din anmodning om at komme med i %(group)s"),
    )


def request_withdrawn(request):
    _alert(
        request,
        "community/emails/working_group_request_withdrawn.txt",
        _("Anmodning om %(group)s trukket tilbage"),
        keeper_emails(request.group),
    )


def member_left(group, departed):
    """`departed`: the name, organisation and role of the seat that was given up (see services.leave)."""
    mail.send(
        "community/emails/working_group_member_left.txt",
        _("%(name)s har forladt %(group)s"),
        keeper_emails(group),
        {
            "group": group,
            "product": group.product,
            "departed": departed,
            "role": GroupRole(departed["role"]).label if departed["role"] in GroupRole.values else "",
            "admin_url": absolute_url(
                reverse("wagtailsnippets_community_workinggroup:edit", args=[group.pk])
            ),
        },
        subject_args={"name": departed["name"], "group": group.name},
    )
