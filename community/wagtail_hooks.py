"""Each domain registers its own admin screens and hooks in its `admin` module; importing them here is
how Wagtail finds them."""

from .events import admin as events_admin  # noqa: F401
from .following import admin as following_admin  # noqa: F401
from .ideas import admin as ideas_admin  # noqa: F401
from .joining import admin as joining_admin  # noqa: F401
from .members import admin as members_admin  # noqa: F401
from .news import admin as news_admin  # noqa: F401
from .projects import admin as projects_admin  # noqa: F401
