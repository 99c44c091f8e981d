"""Gives the editors' groups exactly the permissions of their roles: the secretariat (home.roles) and
each product's coordinators (products.permissions). Run after every `migrate`; idempotent."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.roles import ensure_secretariat_role


class Command(BaseCommand):
    help = "Give the Sekretariat group and the products' coordinator groups their permissions (idempotent)."

    def handle(self, *args, **options):
        group = ensure_secretariat_role()
        self.stdout.write(self.style.SUCCESS(f"{group.name}: ok"))
        # The coordinators' groups belong to the catalogue, which knows its products.
        call_command("create_product_group", "--all", stdout=self.stdout)
