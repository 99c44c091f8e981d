from django.db.models import Count
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import ProductIndexPage, ProductPage


@hooks.register("home_page_counts")
def product_count(request):
    return [{"number": ProductPage.objects.live().public().count(), "label": _("produkter"), "order": 30}]


@hooks.register("home_page_sections")
def featured_products(request):
    catalogue = ProductIndexPage.objects.live().first()
    # The most used products are the ones most visitors look for.
    products = (
        ProductPage.objects.live()
        .public()
        .filter(status="produkt")
        .annotate(user_count=Count("joining_agreements"))
        .order_by("-user_count", "title")[:6]
    )
    items = [{"heading": product.title, "url": product.url, "text": product.tagline} for product in products]
    return [
        {
            "heading": _("Udvalgte produkter"),
            "items": items,
            "more_url": catalogue.url if catalogue else None,
            "more_label": _("Se alle produkter"),
            "order": 10,
        }
    ]
