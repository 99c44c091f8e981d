"""The configured caches work for real: local memory by default, Redis when CACHE_URL (pages) and
LIMITS_CACHE_URL (rate limits and sessions) name it (CI)."""

import os

import pytest
from django.conf import settings
from django.core.cache import caches


@pytest.mark.parametrize("alias", ["default", "pages"])
def test_cache_round_trip(alias):
    cache = caches[alias]
    cache.set("os2site-test-key", {"niveau": "N2"}, timeout=30)
    assert cache.get("os2site-test-key") == {"niveau": "N2"}
    cache.delete("os2site-test-key")
    assert cache.get("os2site-test-key") is None


@pytest.mark.parametrize(("alias", "variable"), [("pages", "CACHE_URL"), ("default", "LIMITS_CACHE_URL")])
def test_cache_backend_follows_its_url(alias, variable):
    backend = settings.CACHES[alias]["BACKEND"]
    if os.environ.get(variable, "").startswith("redis"):
        assert "redis" in backend.lower()
    else:
        assert backend.endswith("LocMemCache")


def test_the_two_caches_are_apart():
    caches["pages"].set("os2site-test-apart", 1, timeout=30)
    assert caches["default"].get("os2site-test-apart") is None
