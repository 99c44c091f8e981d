"""What the following domain registers with Wagtail: the secretariat's read-only list of who follows
which product and how often they are mailed (members change their own follows on Min side)."""

from django.utils.translation import gettext_lazy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ProductFollow


class ProductFollowViewSet(SnippetViewSet):
    model = ProductFollow
    icon = "view"
    menu_label = gettext_lazy("Følgere af produkter")
    menu_order = 267
    add_to_admin_menu = True
    list_display = ["user", "product", "frequency", "language", "created_at"]
    list_filter = ["frequency", "product"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "product__title"]
    inspect_view_enabled = True
    copy_view_enabled = False
    ordering = ["product__title", "-created_at"]

    def get_queryset(self, request):
        return ProductFollow.objects.select_related("user", "product")


register_snippet(ProductFollowViewSet)
