from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.i18n import text_in_language
from home.navigation import section_url
from home.queries import count_per_row

from . import views
from .models import (
    ContactPerson,
    CriterionAssessment,
    GovernanceCriterion,
    JoiningAgreement,
    ProductIndexPage,
    ProductPage,
)


@hooks.register("home_page_counts")
def product_count(request):
    return [{"number": ProductPage.objects.visible_to_public().count(), "label": _("produkter"), "order": 30}]


@hooks.register("home_page_sections")
def featured_products(request):
    catalogue_url = section_url(request, ProductIndexPage)
    # The most used products are the ones most visitors look for.
    products = (
        ProductPage.objects.visible_to_public()
        .filter(status="produkt")
        .defer_streamfields()
        .annotate(user_count=count_per_row(JoiningAgreement.objects.all(), "product"))
        .order_by("-user_count", "title")[:6]
    )
    items = []
    for product in products:
        tagline = text_in_language(product, "tagline")
        items.append(
            {
                "heading": product.title,
                "url": product.get_url(request),
                "text": tagline,
                "text_lang": tagline.lang,
            }
        )
    return [
        {
            "heading": _("Udvalgte produkter"),
            "items": items,
            "more_url": catalogue_url,
            "more_label": _("Se alle produkter"),
            "order": 10,
        }
    ]


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _l("Kontaktpersoner")
    list_display = ["name", "title", "organisation", "email"]
    list_export = ["name", "title", "organisation", "email", "phone"]


class GovernanceCriterionViewSet(SnippetViewSet):
    model = GovernanceCriterion
    icon = "list-ul"
    menu_label = _l("Governancekriterier")
    list_display = ["code", "text", "theme", "level", "mandatory"]
    list_filter = ["theme", "level", "mandatory"]
    list_export = ["code", "theme", "level", "text", "mandatory"]
    ordering = ["level", "theme", "code"]


class CriterionAssessmentViewSet(SnippetViewSet):
    model = CriterionAssessment
    icon = "tick-inverse"
    menu_label = _l("Vurderinger")
    list_display = ["product", "criterion", "rating", "assessed_on"]
    list_filter = ["rating", "assessed_on", "criterion__level", "product"]
    list_export = ["product", "criterion", "rating", "assessed_on", "evidence_url", "note"]
    ordering = ["-assessed_on"]


class ProductsSnippetGroup(SnippetViewSetGroup):
    menu_label = _l("Produkter")
    menu_icon = "folder-open-inverse"
    menu_order = 210
    items = [ContactPersonViewSet, GovernanceCriterionViewSet, CriterionAssessmentViewSet]


register_snippet(ProductsSnippetGroup)


@hooks.register("register_admin_urls")
def publiccode_admin_urls():
    return [
        path(
            "produkter/<int:page_id>/publiccode/", views.import_publiccode, name="products_import_publiccode"
        ),
    ]


@hooks.register("register_page_header_buttons")
def publiccode_import_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, ProductPage) and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Importér publiccode.yml"),
            reverse("products_import_publiccode", args=[page.pk]),
            icon_name="download",
            priority=80,
        )
