"""Local development and the demo served by `make run`."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# Only for the local demo: never used outside dev settings.
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-os2site-local-development-only")  # noqa: S105
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
