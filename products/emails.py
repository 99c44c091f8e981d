"""The e-mails of a request to join a product: a receipt to the person who sent it, an alert to the
secretariat and the product's coordinators, and the decision back to the person and, as an alert, to the
secretariat and the coordinators, so those who did not decide it know too."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.members.emails import secretariat_emails
from home import mail
from home.addresses import absolute_url
from home.models import SiteSettings

from .coordinators import coordinator_group_name


def coordinator_emails(product):
    users = get_user_model().objects.filter(groups__name=coordinator_group_name(product), is_active=True)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def _context(join_request):
    return {
        "join_request": join_request,
        "product": join_request.product,
        "organisation": join_request.organisation,
        "user": join_request.requested_by,
        "product_url": absolute_url(join_request.product.url or "/"),
    }


def _to_person(join_request, template, subject, language=None, **context):
    """To the person who sent the request, while they have an account with an address."""
    if join_request.requested_by:
        mail.send(
            template,
            subject,
            [join_request.requested_by.email],
            {**_context(join_request), **context},
            subject_args={"product": join_request.product.title},
            language=language,
        )


def _alert(join_request, template, subject, **context):
    """To the secretariat and the product's coordinators, in Danish, with a link to the request."""
    mail.send(
        template,
        subject,
        [*secretariat_emails(), *coordinator_emails(join_request.product)],
        {
            **_context(join_request),
            **context,
            "admin_url": absolute_url(
                reverse("wagtailsnippets_products_joinrequest:inspect", args=[join_request.pk])
            ),
        },
        subject_args={
            "kind": join_request.get_kind_display(),
            "product": join_request.product.title,
            "organisation": join_request.organisation.name,
        },
    )


def join_requested(join_request, language=None):
    """The receipt in the language the person used the site in; the alert in Danish."""
    _to_person(
        join_request,
        "products/emails/join_request_received.txt",
        _("Vi har modtaget jeres anmodning om %(product)s"),
        language=language,
    )
    _alert(
        join_request,
        "products/emails/join_request_alert.txt",
        _("%(kind)s til %(product)s fra %(organisation)s"),
    )


def join_decided(join_request):
    approved = join_request.state == "godkendt"
    _to_person(
        join_request,
        "products/emails/join_request_decided.txt",
        _("Jeres anmodning om %(product)s er godkendt")
        if approved
        else _("Jeres anmodning om %(product)s er afvist"),
        approved=approved,
        profile_url=absolute_url(join_request.organisation.get_absolute_url()),
        contact_email=SiteSettings.load().email,
    )
    _alert(
        join_request,
        "products/emails/join_request_decided_alert.txt",
        _("%(kind)s til %(product)s fra %(organisation)s er godkendt")
        if approved
        else _("%(kind)s til %(product)s fra %(organisation)s er afvist"),
        approved=approved,
        decided_by=join_request.decided_by,
    )
