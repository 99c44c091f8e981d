"""Security headers for every response."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict policy of CONTENT_SECURITY_POLICY on public pages (no inline scripts); the Wagtail and
    Django admins get ADMIN_CONTENT_SECURITY_POLICY instead, as their editors rely on inline scripts."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_URL_PREFIXES):
            return PolicyParts(config=settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"], nonce=parts.nonce)
        return parts
