from django.apps import AppConfig


class Os2siteConfig(AppConfig):
    """The project's own machinery that is no content domain: page caching and the health check."""

    name = "os2site"
    verbose_name = "OS2"

    def ready(self):
        from . import page_cache

        page_cache.connect_signals()
