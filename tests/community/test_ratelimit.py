"""The rate limiter counts attempts per scope and identity in the configured cache (local memory or
Redis) and refuses attempts over the limit until the window passes."""

import pytest

from community import ratelimit

# Needs no site: run with the tests built from factories, before the demo.
pytestmark = pytest.mark.factories


def test_attempts_over_the_limit_are_refused_per_identity_and_scope(settings):
    settings.RATE_LIMITS = {"idea-comment": (3, 600), "idea-submit": (1, 600)}
    assert [ratelimit.allow("idea-comment", 1) for _ in range(4)] == [True, True, True, False]
    assert ratelimit.allow("idea-comment", 2)
    assert ratelimit.allow("idea-submit", 1)
    assert not ratelimit.allow("idea-submit", 1)


def test_a_new_window_starts_a_new_count(settings, monkeypatch):
    settings.RATE_LIMITS = {"idea-report": (1, 60)}
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    assert ratelimit.allow("idea-report", 7)
    assert not ratelimit.allow("idea-report", 7)
    now[0] += 60
    assert ratelimit.allow("idea-report", 7)
