"""How allauth creates accounts and sends its mail (verification, password reset) for the site."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from home import mail


class AccountAdapter(DefaultAccountAdapter):
    """allauth's mail rendered as usual but sent by the site's mail task (see home.mail)."""

    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        mail.send_message(self.render_mail(template_prefix, email, ctx))

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
