"""Member accounts: how allauth creates users and sends its mail, and the mail about memberships.

Every mail goes through the `send_email` task, so it is sent by the task worker where one is configured.
With the database queue the task is stored in the same transaction as the change it reports, so a
rolled-back change sends no mail.
"""

import time
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.models import SiteSettings

from .tasks import send_email

SECRETARIAT_GROUP = "Sekretariat"
LOGIN_UNAVAILABLE = gettext_lazy("Du kan ikke logge ind lige nu. Prøv igen om lidt.")


def enqueue_email(message):
    """Queue a rendered EmailMessage (plain text, optional HTML alternative)."""
    html = next(
        (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
        None,
    )
    kwargs = {
        "subject": message.subject,
        "body": message.body,
        "to": list(message.to),
        "from_email": message.from_email,
        "html": html,
        "reply_to": list(message.reply_to),
    }
    send_email.enqueue(**kwargs)


# The links allauth puts in its mails (verification, password reset, "sign up instead"). It builds them
# from the request's Host header, which the client chooses; a mail must point at the public address.
MAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")


def public_link(url):
    """`url` (absolute or a path) at the site's public address, BASE_URL, whatever host it names."""
    parts = urlsplit(url)
    return site_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


def public_site():
    """The site as allauth's mail templates name it (`current_site.name` and `.domain`)."""
    return SimpleNamespace(
        name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc
    )


class AccountAdapter(DefaultAccountAdapter):
    """allauth's mail (verification, password reset) rendered as usual but sent by the task queue, with
    every link at the public address; login failures counted per account."""

    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        links = {name: public_link(context[name]) for name in MAIL_LINKS if context.get(name)}
        ctx = {"request": request, "email": email, "current_site": public_site(), **context, **links}
        enqueue_email(self.render_mail(template_prefix, email, ctx))

    def pre_authenticate(self, request, **credentials):
        """No password is checked while failed logins cannot be counted: the form says to try again."""
        from . import ratelimit

        if account_settings.RATE_LIMITS and not ratelimit.store_answers():
            raise ValidationError(LOGIN_UNAVAILABLE, code="limits_unavailable")
        super().pre_authenticate(request, **credentials)

    def get_client_ip(self, request):
        """allauth's reading of the client address (TRUSTED_PROXY_COUNT), but a request that came past
        fewer proxies than configured (straight to an app server) counts by its connecting address
        instead of failing."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return request.META["REMOTE_ADDR"]

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed logins count against the account, whatever Host header (allauth's default takes the
        request's, port included, so `Host: site:9` started a fresh count) or address they come from.
        allauth names this hook privately; tests/community/accounts/test_lockout_bypass.py fails if it
        stops being used."""
        login = credentials.get("email", credentials.get("username", ""))
        return f"{public_site().domain}:{login.strip().lower()}"

    def is_reauthentication_required(self, *, app, **kwargs):
        """Setting up or removing two-factor authentication asks for the password again, unless the
        person typed it to log in within the last few minutes (ACCOUNT_REAUTHENTICATION_TIMEOUT): an
        editor sent to set up the app right after logging in is not asked twice."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = allauth_context.request
        if not required or app != "allauth.mfa" or request is None or not request.user.is_authenticated:
            return required
        logins = [
            record
            for record in get_authentication_records(request, request.user)
            if record.get("method") == "password"
        ]
        return not (logins and time.time() - logins[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT)


def secretariat_emails():
    """Who hears about new members: the active users of the Sekretariat group, else the site's e-mail."""
    users = get_user_model().objects.filter(groups__name=SECRETARIAT_GROUP, is_active=True).exclude(email="")
    emails = sorted(set(users.values_list("email", flat=True)))
    if emails:
        return emails
    fallback = SiteSettings.load().email
    return [fallback] if fallback else []


def site_url(path):
    """An absolute address for mail: the site's configured base URL (BASE_URL) plus the path."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_secretariat_of_signup(membership):
    recipients = secretariat_emails()
    if not recipients:
        return
    context = {
        "membership": membership,
        "user": membership.user,
        "review_url": site_url(reverse("wagtailsnippets_community_membership:edit", args=[membership.pk])),
    }
    _queue(
        _("Ny medlemskonto afventer godkendelse: %(name)s") % {"name": membership.organisation.name},
        render_to_string("community/email/membership_requested.txt", context),
        recipients,
    )


def notify_member_of_decision(membership):
    if not membership.user.email:
        return
    context = {
        "membership": membership,
        "user": membership.user,
        "my_page_url": site_url(reverse("my_page")),
        "contact_email": SiteSettings.load().email,
    }
    subject = (
        _("Din medlemskonto er godkendt")
        if membership.is_approved
        else _("Din anmodning om en medlemskonto er afvist")
    )
    _queue(
        subject,
        render_to_string("community/email/membership_decided.txt", context),
        [membership.user.email],
    )


def _queue(subject, body, to):
    send_email.enqueue(subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body, to=to)
