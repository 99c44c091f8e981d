"""One fixed-window rate limiter on Django's cache for every form that members and visitors send (ideas,
comments, pledges, event sign-ups, join applications, profile edits). It holds across app servers
when the cache is shared (Redis) and still works on one machine (local memory).

Logins, sign-ups and password resets are limited by django-allauth itself (ACCOUNT_RATE_LIMITS). Both
count in the default cache, which nothing else may evict (see os2site/caches.py).

Who is counted: the account when signed in, else the client's address as allauth reads it, which is the
connecting address or, behind TRUSTED_PROXY_COUNT proxies, the one the outermost of them saw.
"""

import time
import uuid

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

# Attempts allowed per window (seconds); settings.RATE_LIMITS can override each.
DEFAULT_LIMITS = {
    "idea-submit": (5, 60 * 60),
    "idea-edit": (20, 60 * 60),
    "idea-comment": (10, 10 * 60),
    "idea-pledge": (20, 60 * 60),
    "idea-report": (20, 60 * 60),
    "event-signup": (10, 60 * 60),
    "join-application": (5, 60 * 60),
    "product-join": (10, 60 * 60),
    "profile-edit": (30, 60 * 60),
    "working-group-request": (10, 60 * 60),
    # Leaving a group and withdrawing a request, counted together.
    "working-group-leave": (20, 60 * 60),
    "account-delete": (5, 15 * 60),
    "page-password": (5, 15 * 60),
    "page-password-all": (50, 15 * 60),
    # Requests to the open data API per client.
    "api": (600, 60),
}

TOO_MANY = _("Du har sendt formularen mange gange på kort tid. Vent lidt, og prøv igen.")


def limit_for(scope):
    return getattr(settings, "RATE_LIMITS", {}).get(scope, DEFAULT_LIMITS[scope])


def _key(scope, identity, window):
    return f"ratelimit:{scope}:{identity}:{int(time.time() // window)}"


def store_answers():
    """Whether the counters can be kept now: a write that must succeed (Redis down, or full with
    `noeviction`, refuses it)."""
    key = f"ratelimit:probe:{uuid.uuid4().hex}"
    try:
        stored = cache.add(key, 1, timeout=10)
        cache.delete(key)
    except Exception:  # noqa: BLE001 - any failure of the store means: it cannot count
        return False
    return bool(stored)


def allow(scope, identity, fail_closed=False):
    """Count one attempt by `identity` (e.g. a user id) and say whether it is within the limit. When the
    store cannot count, forms let people through (`fail_closed=False`), and what guards a secret
    (logins, page passwords) refuses them."""
    limit, window = limit_for(scope)
    key = _key(scope, identity, window)
    # add() only sets a missing key, so concurrent first attempts do not reset each other's count.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr().
        cache.set(key, 1, timeout=window)
        count = 1
    if count is None:
        # The cache is unreachable (see fault_tolerant in the settings).
        return not fail_closed
    return count <= limit


def seconds_left(scope):
    """Seconds until the current window of `scope` ends and its counts start again (Retry-After)."""
    window = limit_for(scope)[1]
    return max(1, int(window - time.time() % window))


def reset(scope, identity):
    """Forget the attempts of `identity` in the current window."""
    cache.delete(_key(scope, identity, limit_for(scope)[1]))


def identity(request):
    """Who is counted: the account when signed in, else the client's address (as allauth sees it, so
    TRUSTED_PROXY_COUNT applies to both)."""
    if request.user.is_authenticated:
        return f"user-{request.user.pk}"

    return f"ip-{get_adapter().get_client_ip(request)}"


def allow_request(scope, request, fail_closed=False):
    return allow(scope, identity(request), fail_closed=fail_closed)


def too_many_requests(request, exception=None):
    """The answer when allauth's limits refuse a request (ROOT_URLCONF.handler429). allauth refuses too
    when it cannot count (its store is down or full): then the page says to try again soon (503), not
    that the person tried too often."""
    if store_answers():
        return render(request, "429.html", status=429)
    return render(request, "429.html", {"unavailable": True}, status=503)
