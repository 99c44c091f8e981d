"""The e-mails about member accounts: the secretariat hears that an account awaits approval, and the
person hears the decision."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from home import mail
from home.addresses import absolute_url
from home.models import SiteSettings
from home.roles import SECRETARIAT_GROUP


def secretariat_emails():
    """Who hears about what awaits the secretariat: the active users of its group, else the site's
    e-mail address."""
    users = get_user_model().objects.filter(groups__name=SECRETARIAT_GROUP, is_active=True).exclude(email="")
    emails = sorted(set(users.values_list("email", flat=True)))
    if emails:
        return emails
    fallback = SiteSettings.load().email
    return [fallback] if fallback else []


def account_awaits_approval(affiliation):
    mail.send(
        "community/emails/affiliation_requested.txt",
        _("Ny medlemskonto afventer godkendelse: %(name)s"),
        secretariat_emails(),
        {
            "affiliation": affiliation,
            "user": affiliation.user,
            "review_url": absolute_url(
                reverse("wagtailsnippets_community_affiliation:edit", args=[affiliation.pk])
            ),
        },
        subject_args={"name": affiliation.organisation.name},
    )


def account_decided(affiliation):
    mail.send(
        "community/emails/affiliation_decided.txt",
        _("Din medlemskonto er godkendt")
        if affiliation.is_approved
        else _("Din anmodning om en medlemskonto er afvist"),
        [affiliation.user.email],
        {
            "affiliation": affiliation,
            "user": affiliation.user,
            "my_page_url": absolute_url(reverse("my_page")),
            "contact_email": SiteSettings.load().email,
        },
    )
