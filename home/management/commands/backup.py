from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Backs up the database (SQLite backup API or pg_dump) and every media file into one .tar.gz "
        "archive with a manifest. Give a file name, or a folder to get a dated file in it."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", help="archive file (…tar.gz) or folder")
        parser.add_argument("--database", default="default")

    def handle(self, target, database, **options):
        try:
            path, manifest = backup(target, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {manifest['engine']} database and {manifest['media_files']} media files to {path}"
        )
