from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Forside og indholdssider")

    def ready(self):
        from . import navigation  # noqa: F401 - connects the signals that drop the cached navigation
