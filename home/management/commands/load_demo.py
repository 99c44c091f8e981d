"""Builds a believable OS2 site from the project's own texts. Idempotent: running it again adds only
what is missing and changes nothing that exists."""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from community.events import demo as events_demo
from community.following import demo as following_demo
from community.ideas import demo as ideas_demo
from community.joining import demo as joining_demo
from community.members import demo as members_demo
from community.news import demo as news_demo
from community.projects import demo as projects_demo
from community.workinggroups import demo as workinggroups_demo
from home import demo as home_demo
from home import demo_images
from os2site import page_cache
from products import demo as products_demo

# Each module's demo loader, in the order their content depends on each other.
LOADERS = [
    ("Forside, om OS2 og indstillinger", home_demo.load),
    ("Medlemmer og partnere", members_demo.load),
    ("Produkter med brugere og leverandører", products_demo.load),
    ("Bliv medlem og aftaleskabeloner", joining_demo.load),
    ("Medlemskonti og sekretariat", members_demo.load_accounts),
    ("Anmodninger om tilslutning til produkter", products_demo.load_join_requests),
    ("Idéer med opbakning og kommentarer", ideas_demo.load),
    ("Projekter fra idé til produkt", projects_demo.load),
    ("Arrangementer", events_demo.load),
    ("Nyheder", news_demo.load),
    ("Arbejdsgrupper med møder og anmodninger", workinggroups_demo.load),
    # Last of the content: followers are told of what happens after they follow, never of the demo.
    ("Medlemmer, der følger produkter", following_demo.load),
    ("Logoer og billeder", demo_images.load),
]


class Command(BaseCommand):
    help = "Create or complete the demo content of the OS2 site (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-admin", action="store_true", help="Do not create the demo administrator account."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run with production settings too (demo accounts then get no usable password).",
        )

    def handle(self, *args, no_admin=False, force=False, **options):
        production = getattr(settings, "PRODUCTION", False)
        if production and not force:
            raise CommandError(
                "load_demo fills the site with demo content and demo accounts whose password is published; "
                "it refuses to run with production settings. Use --force for demo content on a production "
                "set-up (a test or staging server): its accounts then get no usable password."
            )
        no_admin = no_admin or production
        started = time.monotonic()
        total = len(LOADERS) + (0 if no_admin else 1)
        for number, (label, loader) in enumerate(LOADERS, start=1):
            self.stdout.write(f"[{number}/{total}] {label} …")
            with transaction.atomic():
                created = loader()
            self.stdout.write(self.style.SUCCESS(f"      {created} oprettet"))
        if not no_admin:
            self.stdout.write(f"[{total}/{total}] Administrator …")
            email, password, created = home_demo.ensure_admin()
            state = "oprettet" if created else "findes"
            self.stdout.write(
                self.style.SUCCESS(f"      {state}: e-mail {email!r}, adgangskode {password!r}")
            )
        # Last, the roles: permissions on everything the loaders made (events' coordinators, collections).
        call_command("setup_roles", stdout=self.stdout)
        # Some loaders create rows in bulk, which sends no signals: pages cached before are dropped here.
        page_cache.invalidate()
        for email, role in [] if production else members_demo.demo_logins():
            self.stdout.write(
                f"      Demo-login {email} ({role}), adgangskode {members_demo.DEMO_PASSWORD!r}"
            )
        self.stdout.write(self.style.SUCCESS(f"Demo-indhold klar på {time.monotonic() - started:.1f} s."))
