"""How allauth creates accounts and sends its mail (verification, password reset) for the site, and how it
counts failed logins and reads the client's address."""

import time
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy

from community import ratelimit
from home import mail
from home.addresses import absolute_url

LOGIN_UNAVAILABLE = gettext_lazy("Du kan ikke logge ind lige nu. Prøv igen om lidt.")

# The links allauth puts in its mails (verification, password reset, "sign up instead"). It builds them
# from the request's Host header, which the client chooses; a mail must point at the public address.
MAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")


def public_link(url):
    """`url` (absolute or a path) at the site's public address, BASE_URL, whatever host it names."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


def public_site():
    """The site as allauth's mail templates name it (`current_site.name` and `.domain`)."""
    return SimpleNamespace(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.BASE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    """allauth's mail rendered as usual but sent by the site's mail task (see home.mail), with every link
    at the public address; failed logins counted per account."""

    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        links = {name: public_link(context[name]) for name in MAIL_LINKS if context.get(name)}
        ctx = {"request": request, "email": email, "current_site": public_site(), **context, **links}
        mail.send_message(self.render_mail(template_prefix, email, ctx))

    def pre_authenticate(self, request, **credentials):
        """No password is checked while failed logins cannot be counted: the form says to try again."""
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
        allauth names this hook privately; tests/community/members/test_lockout_bypass.py fails if it
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
