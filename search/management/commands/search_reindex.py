"""Rebuild the member index: a new index is filled from the database, then the alias moves to it in one
step, so the directory never searches an empty or half-built index."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from os2site import page_cache
from search.directory import SearchUnavailable, directory_members, engine_configured
from search.engine import ENGINE_ERRORS, rebuild


class Command(BaseCommand):
    help = "Rebuild the member directory's search index and swap it in (needs SEARCH_URL)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Do not draw a progress bar.")

    def handle(self, *args, no_progress=False, **options):
        if not engine_configured():
            self.stdout.write(
                "SEARCH_URL is not set: the directory searches the database directly, nothing to rebuild."
            )
            return

        total = directory_members().count()
        with tqdm(total=total, unit="medlem", disable=no_progress, file=sys.stderr) as bar:
            try:
                index, count = rebuild(progress=bar.update)
            except (SearchUnavailable, *ENGINE_ERRORS) as error:
                raise CommandError(f"The search engine did not answer: {error}") from error
        # Directory pages cached from the old index would hide what the new one finds.
        page_cache.invalidate()
        self.stdout.write(self.style.SUCCESS(f"{count} members indexed in {index}; the alias points to it."))
