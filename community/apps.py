from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Fællesskab")

    def ready(self):
        # Importing the receivers connects them (Django's place for it: once every model is loaded).
        from .events import signals as events_signals  # noqa: F401
        from .following import signals as following_signals  # noqa: F401
        from .members import signals as members_signals  # noqa: F401
