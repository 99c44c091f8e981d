"""Gives the editors' groups exactly the permissions of their roles: the secretariat (home.roles) and
each product's coordinators (products.permissions), and points Wagtail's site at the public address
(home.site_address). Run after every `migrate`; idempotent."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from home.roles import ensure_secretariat_role
from home.site_address import set_site_address


class Command(BaseCommand):
    help = (
        "Give the Sekretariat group and the products' coordinator groups their permissions, and point "
        "Wagtail's site at BASE_URL (idempotent)."
    )

    def handle(self, *args, **options):
        # First, so a wrong BASE_URL stops the deploy before anything else is changed.
        try:
            changed = set_site_address()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        site = Site.objects.get(is_default_site=True)
        state = "set" if changed else "ok"
        self.stdout.write(self.style.SUCCESS(f"Site {site.root_url}: {state}"))
        group = ensure_secretariat_role()
        self.stdout.write(self.style.SUCCESS(f"{group.name}: ok"))
        # The coordinators' groups belong to the catalogue, which knows its products.
        call_command("create_product_group", "--all", stdout=self.stdout)
