"""Production: refuses to start without the secrets a public deployment needs."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MEDIA_STORAGE, MIDDLEWARE, PRIVATE_STORAGE, env

DEBUG = False
# Marks a real deployment: `load_demo` refuses to run here unless forced, and never sets known passwords.
PRODUCTION = True

SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
# The one public address every link in mails, feeds, calendars and the sitemap is made from; the
# development default (this machine) would send readers of those nowhere.
BASE_URL = WAGTAILADMIN_BASE_URL = env.str("BASE_URL", default="")
_missing = [
    name
    for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS), ("BASE_URL", BASE_URL))
    if not value
]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need the environment variable(s) "
        + " and ".join(_missing)
        + " (see .env.example); refusing to start without them."
    )
if SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured(
        "SECRET_KEY must be a long random value (50 characters or more), not a default."
    )

# Static files are served by the app server itself (hashed, and compressed ahead with gzip and Brotli),
# so no separate file server is needed in front of each app server.
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_after_security:],
]

STORAGES = {
    "default": MEDIA_STORAGE,
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Sessions are read from the cache and written through to the database, so members stay logged in
# while Redis is down or after it restarts empty.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Load balancers probe app servers over plain HTTP; a redirect would read as a failure.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
