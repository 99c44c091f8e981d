"""Security headers for every response, compression of public pages, and two-factor authentication for
the admins."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict policy of CONTENT_SECURITY_POLICY on public pages (no inline scripts); the Wagtail and
    Django admins get ADMIN_CONTENT_SECURITY_POLICY instead, as their editors rely on inline scripts.

    A preview is rendered by Wagtail through the middleware with a request for the page's public
    address (marked `is_dummy`): it is still the admin's, shown in the editor's side panel, so it gets the
    admin's policy, whose frame-ancestors lets the admin's own origin frame it."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        in_admin = request.path_info.startswith(settings.ADMIN_URL_PREFIXES) or getattr(
            request, "is_dummy", False
        )
        if not report_only and in_admin:
            return PolicyParts(config=settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"], nonce=parts.nonce)
        return parts


class PublicGZipMiddleware(GZipMiddleware):
    """Django's gzip compression, for the responses that are the same for every anonymous visitor only
    (marked `is_public` by os2site.page_cache.browser_caching).

    Compressing a response that holds a secret next to text an attacker chooses lets the attacker guess
    the secret from the compressed size (BREACH). Public responses hold no secret: no CSRF token, no
    session, nothing personal (the page cache's own rules). Pages with a form token, a logged-in member's
    pages and everything under /konto/ and /min-side/ are sent uncompressed. Static files are compressed
    ahead by WhiteNoise (gzip and Brotli) and pass through here untouched."""

    def process_response(self, request, response):
        if not getattr(response, "is_public", False):
            return response
        return super().process_response(request, response)


def has_admin_access(user):
    return user.is_active and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))


class AdminTwoFactorMiddleware:
    """With ADMIN_MFA_REQUIRED, people with admin access reach the Wagtail and Django admins only in a
    session in which they have given a code from their authenticator app (allauth's MFA records each
    authentication method in the session). Without an authenticator they are sent to set one up first;
    with one but a session signed in without it, they are asked for a code. Members without admin access
    and the public site are untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self.required_step(request)
        if redirect_to:
            return redirect_to
        return self.get_response(request)

    @staticmethod
    def required_step(request):
        if not getattr(settings, "ADMIN_MFA_REQUIRED", True):
            return None
        if not request.path_info.startswith(settings.ADMIN_URL_PREFIXES):
            return None
        user = request.user
        if not user.is_authenticated or not has_admin_access(user):
            return None
        records = get_authentication_records(request, user)
        if any(record.get("method") == "mfa" for record in records):
            return None
        next_query = "?" + urlencode({"next": request.get_full_path()})
        if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            messages.warning(
                request,
                _(
                    "Administrationen kræver totrinsbekræftelse. Opsæt en autentificeringsapp på din telefon "
                    "(fx Microsoft Authenticator eller Google Authenticator), før du fortsætter."
                ),
            )
            return redirect(reverse("mfa_activate_totp") + next_query)
        messages.info(request, _("Indtast koden fra din autentificeringsapp for at åbne administrationen."))
        return redirect(reverse("mfa_reauthenticate") + next_query)


FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class UnreadableFormMiddleware:
    """A form Django cannot read (say, one that names a charset other than UTF-8) is a bad request: 400,
    answered here, before the CSRF check reads the form. Left to later, the CSRF check of the error
    page itself reads it again and fails, so the client got a 500. A form larger than Django reads
    (DATA_UPLOAD_MAX_MEMORY_SIZE, say several megabytes pasted into a text box) is answered 413 with a
    page saying so and leading back to the form; no view can answer it, as the form is never read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in FORM_TYPES:
            try:
                request.POST  # noqa: B018 - reading it is the check
            except RequestDataTooBig:
                limit = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024:.1f}".replace(".", ",")
                return render(request, "413.html", {"limit": limit, "form_url": request.path}, status=413)
            except BadRequest:
                return render(request, "400.html", status=400)
        return self.get_response(request)


class PrivateForMembersMiddleware:
    """What is rendered for a signed-in person (Min side, the personal-data export, pages with their name
    in the menu) is theirs: `Cache-Control: private, no-store`, so no shared cache or browser history
    keeps it. Anonymous pages keep their own headers (the page cache serves those)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
