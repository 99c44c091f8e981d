from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_tables(using="default", **kwargs):
    """Every `migrate` (each deploy runs one) also makes the table of a cache kept in the database (the
    rate limits' store by default), so no extra deploy step can be forgotten. Does nothing when it
    exists."""
    call_command("createcachetable", database=using, verbosity=0)


class Os2siteConfig(AppConfig):
    """The project's own machinery that is no content domain: page caching and the health check."""

    name = "os2site"
    verbose_name = "OS2"

    def ready(self):
        from . import signals  # noqa: F401 - connects the page cache to what changes pages

        # Sent once per app with models; the sessions app stands for "after a migrate".
        post_migrate.connect(create_cache_tables, sender=self.apps.get_app_config("sessions"))
