"""Counting the queries of a request on a warmed cache, as every request but the first after a change
finds it on a running site."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def generation(response):
    """The page cache generation the request read its cached parts under (os2site.page_cache)."""
    return getattr(response.wsgi_request, "cache_generation", None)


def warm_count(client, url, params=None, warm_ups=2):
    """(queries, response) of a request for `url` made after `warm_ups` requests have filled what is
    kept between requests: the cached parts, under the page cache's generation, and what the first
    request after a change makes once (image renditions, rows made on first use). Fails, saying so,
    when the counted request did not find the warm-up's generation (the cache was emptied, or a change
    started a new generation, in between): its count would be that of a cold request, not the one the
    test means to count. (A response that uses no cached part reads no generation.) Use it with the `caches_of_its_own` fixture, so nothing else empties it."""
    for _ in range(warm_ups):
        warmed = client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert generation(response) == generation(warmed), (
        f"{url}: the cache was emptied, or a new generation started, between the warm-up and the count, "
        f"so its {len(captured)} queries are those of a cold request"
    )
    return len(captured), response
