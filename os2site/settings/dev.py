"""Local development and the demo served by `make run`."""

from .base import *  # noqa: F403
from .base import env

# The site's own error pages, as visitors see them; DEBUG=true shows Django's debug pages instead.
DEBUG = env.bool("DEBUG", default=False)
# Uploaded images and documents from MEDIA_ROOT (in production a storage or the proxy serves them).
SERVE_MEDIA = True
# Only for the local demo: never used outside dev settings.
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-os2site-local-development-only")  # noqa: S105
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
