"""The site's two caches, kept apart so that one can never push the other out.

- `pages` (the "pages" alias, CACHE_URL): rendered pages, the parts many pages share, search counts and
  other data built from the database. Anything in it may be evicted or lost; it is rebuilt when missing,
  so a Redis with `maxmemory-policy allkeys-lru` suits it.
- the default cache (LIMITS_CACHE_URL): rate-limit counters, login lockouts and sessions (django-allauth
  counts in Django's default cache). What is there must not be evicted, or a flood of page requests could
  lift a lock: a Redis of its own with `maxmemory-policy noeviction`, or the database (unset).

Derived data goes to `pages`; only state that limits or identifies people goes to the default cache.
"""

from django.core.cache import caches
from django.utils.connection import ConnectionProxy

PAGES = "pages"

pages = ConnectionProxy(caches, PAGES)
