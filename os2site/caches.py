"""The site's caches, kept apart so that one can never push another out.

- `pages` (the "pages" alias, CACHE_URL): rendered pages, the parts many pages share, search counts,
  Wagtail's image renditions (its "renditions" alias is the same cache) and other data built from the
  database. Anything in it may be evicted or lost; it is rebuilt when missing,
  so a Redis with `maxmemory-policy allkeys-lru` suits it.
- the default cache (LIMITS_CACHE_URL): rate-limit counters, login lockouts and sessions (django-allauth
  counts in Django's default cache). What is there must not be evicted, or a flood of page requests could
  lift a lock: a Redis of its own with `maxmemory-policy noeviction`, or the database (unset).

- `generation` (the "generation" alias): the page cache's generation token (os2site.page_cache), which
  says whether what `pages` holds is current. Every process of the site must read the same one, or a
  change made by another process (a cron job, `manage.py shell`, an import) would leave pages stale:
  the Redis of `pages` when there is one, else a file every local process reads (settings.base).

Derived data goes to `pages`; only state that limits or identifies people goes to the default cache.
"""

from django.core.cache import caches
from django.utils.connection import ConnectionProxy

PAGES = "pages"
GENERATION = "generation"

pages = ConnectionProxy(caches, PAGES)
generation = ConnectionProxy(caches, GENERATION)
