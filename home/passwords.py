"""Wagtail's form for a password-protected page, with guesses limited like logins: a few per client and
page, and some more per page from everyone together, in a quarter of an hour; refused while the limits
cannot be counted (community/ratelimit.py)."""

from wagtail import views as wagtail_views

from community import ratelimit


def authenticate_with_password(request, page_view_restriction_id, page_id):
    if request.method == "POST":
        client = f"{ratelimit.identity(request)}:{page_view_restriction_id}"
        allowed = ratelimit.allow("page-password", client, fail_closed=True) and ratelimit.allow(
            "page-password-all", page_view_restriction_id, fail_closed=True
        )
        if not allowed:
            return ratelimit.too_many_requests(request)
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
