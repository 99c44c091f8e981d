"""Create (or complete) the coordinators' group of one product or of every product."""

from django.core.management.base import BaseCommand, CommandError

from products.models import ProductIndexPage, ProductPage
from products.permissions import ensure_product_group, ensure_secretariat_workflow


class Command(BaseCommand):
    help = "Create the Wagtail group and page permissions for a product's coordinators (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="slug", help="Product slugs, e.g. os2mo.")
        parser.add_argument("--all", action="store_true", help="Every product in the catalogue.")

    def handle(self, *args, slugs=(), all=False, **options):
        if not slugs and not all:
            raise CommandError("Name one or more product slugs, or use --all.")
        products = ProductPage.objects.order_by("title")
        if not all:
            products = products.filter(slug__in=slugs)
            missing = set(slugs) - set(products.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No product with slug: {', '.join(sorted(missing))}")
        catalogue = ProductIndexPage.in_default_language()
        if catalogue:
            ensure_secretariat_workflow(catalogue)
        for product in products:
            group = ensure_product_group(product)
            self.stdout.write(self.style.SUCCESS(f"{group.name}: ok"))
