"""The configured cache works for real: local memory by default, Redis when CACHE_URL names it (CI)."""

import os

from django.conf import settings
from django.core.cache import cache


def test_cache_round_trip():
    cache.set("os2site-test-key", {"niveau": "N2"}, timeout=30)
    assert cache.get("os2site-test-key") == {"niveau": "N2"}
    cache.delete("os2site-test-key")
    assert cache.get("os2site-test-key") is None


def test_cache_backend_follows_cache_url():
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("CACHE_URL", "").startswith("redis"):
        assert "redis" in backend.lower()
    else:
        assert backend.endswith("LocMemCache")
