from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from home.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restores an archive made by `manage.py backup`: the database and the media files. Refuses a "
        "database that is not empty unless --force is given, and a backup of another database engine."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force", action="store_true", help="replace the contents of a database that is not empty"
        )
        parser.add_argument("--database", default="default")

    def handle(self, archive, force, database, **options):
        try:
            manifest = restore(archive, using=database, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {manifest['engine']} database and {manifest['media_files']} media files "
            f"from the backup of {manifest['created']}."
        )
        loader = MigrationLoader(connections[database], ignore_no_migrations=True)
        if loader.graph.leaf_nodes() and set(loader.graph.leaf_nodes()) - loader.applied_migrations.keys():
            self.stdout.write("The code has newer migrations than the backup: run `manage.py migrate`.")
