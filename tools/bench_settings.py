"""The benchmark (`make bench`): production-like (no debug, quiet logs) on a scratch database, with
one extra URL, a plain Django view, as the yardstick. Never used to serve the site."""

from os2site.settings.base import *  # noqa: F403
from os2site.settings.base import LOGGING, MIDDLEWARE, env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="os2site-benchmark-only")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tools.bench_urls"
MIDDLEWARE = ["tools.bench_urls.AfterAChangeMiddleware", *MIDDLEWARE]
LOGGING = {
    **LOGGING,
    "root": {"handlers": ["console"], "level": "ERROR"},
    # The 404 page is measured too: one warning per request would flood the report.
    "loggers": {**LOGGING.get("loggers", {}), "django.request": {"level": "ERROR"}},
}
