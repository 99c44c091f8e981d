"""The production settings, but building the schema straight from the models instead of replaying
every migration: the two-server test needs a fresh PostgreSQL database in seconds. (The migrations
themselves are exercised by the suite's own database.) Used only to build that database; the app
servers run the unchanged production settings."""

from os2site.settings.production import *  # noqa: F403


class _NoMigrations:
    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


MIGRATION_MODULES = _NoMigrations()
