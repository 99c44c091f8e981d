"""A cheap health check for load balancers and monitoring: is this app server able to reach its
database and its cache? 200 when both answer, 503 when either does not, with a JSON body saying which."""

import logging
import uuid

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from os2site.caches import pages as cache

logger = logging.getLogger(__name__)

PROBE_KEY = "healthz:probe"


def _database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_answers():
    token = uuid.uuid4().hex
    cache.set(PROBE_KEY, token, 30)
    return cache.get(PROBE_KEY) == token


@never_cache
def healthz(request):
    checks = {}
    for name, check in (("database", _database_answers), ("cache", _cache_answers)):
        try:
            checks[name] = "ok" if check() else "error"
        except Exception as error:
            logger.warning("Health check: %s does not answer: %s", name, error)
            checks[name] = "error"
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
