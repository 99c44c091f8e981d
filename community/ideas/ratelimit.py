"""A small fixed-window rate limiter on Django's cache, so it holds across app servers when the cache is
shared (Redis) and still works on one machine (local memory)."""

import time

from django.conf import settings
from django.core.cache import cache

# Attempts allowed per window (seconds); settings.IDEA_RATE_LIMITS can override each.
DEFAULT_LIMITS = {
    "idea-submit": (5, 60 * 60),
    "idea-comment": (10, 10 * 60),
    "idea-pledge": (20, 60 * 60),
    "idea-report": (20, 60 * 60),
}


def limit_for(scope):
    return getattr(settings, "IDEA_RATE_LIMITS", {}).get(scope, DEFAULT_LIMITS[scope])


def allow(scope, identity):
    """Count one attempt by `identity` (e.g. a user id) and say whether it is within the limit."""
    limit, window = limit_for(scope)
    key = f"ratelimit:{scope}:{identity}:{int(time.time() // window)}"
    # add() only sets a missing key, so concurrent first attempts do not reset each other's count.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr().
        cache.set(key, 1, timeout=window)
        count = 1
    if count is None:
        # The cache is unreachable (see fault_tolerant in the settings): let people through rather
        # than refuse everyone.
        return True
    return count <= limit
