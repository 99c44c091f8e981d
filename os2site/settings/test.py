"""The test suite: fast and isolated, but the database and cache still come from the environment so CI
can run the same tests against PostgreSQL and Redis."""

import os
import tempfile
import urllib.parse

from .base import *  # noqa: F403
from .base import PRIVATE_STORAGE, env, fault_tolerant, never_evicted

DEBUG = False
SECRET_KEY = "os2site-tests-only"  # noqa: S105
# Any host, and the test client's named, so the page cache stores its pages as one of the site's own.
ALLOWED_HOSTS = ["*", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def redis_databases_of_this_worker(urls):
    """The cache URLs for this test process. The suite runs in parallel worker processes (pytest-xdist,
    `make test`), and each empties the caches around every test: on Redis a clear empties the whole
    database, so each worker keeps to databases of its own. Worker gw0 (and a run without workers) uses
    the numbers given; the next worker those numbers moved up past them (CACHE_URL …/1 and
    LIMITS_CACHE_URL …/2: gw1 uses 3 and 4), so no two workers or caches ever share one."""
    worker = int((os.environ.get("PYTEST_XDIST_WORKER") or "gw0").removeprefix("gw"))
    numbers = {}
    for name, url in urls.items():
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in {"redis", "rediss"}:
            numbers[name] = int(parts.path.strip("/") or 0)
    if not worker or not numbers:
        return urls
    step = max(numbers.values()) - min(numbers.values()) + 1
    moved = dict(urls)
    for name, number in numbers.items():
        parts = urllib.parse.urlsplit(urls[name])
        moved[name] = urllib.parse.urlunsplit(parts._replace(path=f"/{number + worker * step}"))
    return moved


CACHE_URLS = redis_databases_of_this_worker(
    {
        "LIMITS_CACHE_URL": env.str("LIMITS_CACHE_URL", default="locmemcache://os2site-tests-limits"),
        "CACHE_URL": env.str("CACHE_URL", default="locmemcache://os2site-tests"),
    }
)
CACHES = {
    "default": never_evicted(env.cache_url_config(CACHE_URLS["LIMITS_CACHE_URL"])),
    "pages": fault_tolerant(env.cache_url_config(CACHE_URLS["CACHE_URL"])),
}
# The suite runs in one process: the generation is kept with the pages (the same local memory or Redis);
# the tests that start servers of their own use the settings those servers run with.
CACHES["generation"] = CACHES["pages"]
CACHES["renditions"] = CACHES["pages"]
# The public address is not the test client's host, so a test tells what is written for a request
# (the request's host) from what is written for anywhere (this address).
BASE_URL = WAGTAILADMIN_BASE_URL = "https://os2.test"
# Uploads made by tests go to a scratch folder, never into the project.
MEDIA_ROOT = tempfile.mkdtemp(prefix="os2site-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="os2site-test-private-")
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {**PRIVATE_STORAGE, "OPTIONS": {**PRIVATE_STORAGE["OPTIONS"], "location": PRIVATE_MEDIA_ROOT}},
}
# Tests sign up and log in many times from one address within a minute; allauth's rate limits (kept in
# the shared cache) would otherwise make the outcome depend on test order.
ACCOUNT_RATE_LIMITS = False
# The test engine (osmem-server) has no Danish stemmer; a real engine does.
SEARCH_DANISH_STEMMER = env.bool("SEARCH_DANISH_STEMMER", default=False)
# Most tests open the admin with force_login, which records no authentication method; the two-factor
# tests switch the requirement on.
ADMIN_MFA_REQUIRED = False
# Many tests send these forms from one address within minutes, and the counts outlive each test in a
# shared cache; the rate-limit tests set their own low limits.
RATE_LIMITS = dict.fromkeys(
    ("event-signup", "join-application", "profile-edit", "account-delete", "api"), (10000, 60)
)
