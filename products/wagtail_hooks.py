from django.db.models import Q
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.i18n import text_in_language
from home.navigation import section_url
from home.queries import count_per_row

from . import admin
from .dashboard import MyProductPanel
from .models import (
    ContactPerson,
    CriterionAssessment,
    GovernanceCriterion,
    JoiningAgreement,
    ProductIndexPage,
    ProductPage,
)
from .permissions import coordinated_products, is_coordinator_only


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

    def get_queryset(self, request):
        # The secretariat keeps the register; a coordinator lists and exports only their product's
        # contacts, not every person's phone and e-mail.
        people = ContactPerson.objects.all()
        if request.user.has_perm("products.change_contactperson"):
            return people
        return people.filter(product_roles__product__in=coordinated_products(request.user)).distinct()


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


class GovernanceMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("products.add_criterionassessment")


class ProductsSnippetGroup(SnippetViewSetGroup):
    menu_label = _l("Governance og kontakter")
    menu_icon = "folder-open-inverse"
    menu_order = 210
    items = [ContactPersonViewSet, GovernanceCriterionViewSet, CriterionAssessmentViewSet]

    def get_submenu_items(self):
        # The matrix first: a re-assessment of a product is one form, not one per criterion.
        matrix = GovernanceMenuItem(
            _l("Governancevurdering"), reverse_lazy("products_governance"), icon_name="tick-inverse", order=0
        )
        return [matrix, *super().get_submenu_items()]


register_snippet(ProductsSnippetGroup)


@hooks.register("construct_homepage_panels")
def my_product_panel(request, panels):
    """A coordinator's product first on the dashboard, in place of the site-wide page summary."""
    products = coordinated_products(request.user)
    if products.exists():
        panels.insert(0, MyProductPanel(products.order_by("title")))


@hooks.register("construct_homepage_summary_items", order=1000)  # after Wagtail adds its counts
def no_site_counts_for_coordinators(request, summary_items):
    """The site's page, image and document counts say nothing to a coordinator; their product does."""
    if is_coordinator_only(request.user):
        summary_items.clear()


@hooks.register("construct_page_action_menu")
def submit_for_approval_first(menu_items, request, context):
    """A coordinator cannot publish, so sending the page to the secretariat is their main action, not
    an entry hidden in the menu beside "Gem skitse"."""
    if not is_coordinator_only(request.user):
        return
    submit = [item for item in menu_items if item.name == "action-submit"]
    if submit:
        menu_items[:] = submit + [item for item in menu_items if item.name != "action-submit"]


@hooks.register("construct_page_chooser_queryset")
def no_other_products_drafts_in_the_chooser(pages, request):
    """A coordinator links to any published page, and to drafts only of pages they may edit: another
    product's unpublished tabs and titles stay out of the chooser and its search."""
    if not is_coordinator_only(request.user):
        return pages
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(request.user, ["add", "change"])
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


@hooks.register("register_admin_urls")
def publiccode_admin_urls():
    return [
        path(
            "produkter/<int:page_id>/publiccode/", admin.import_publiccode, name="products_import_publiccode"
        ),
        path("governance/", admin.governance_products, name="products_governance"),
        path("governance/<int:page_id>/", admin.governance_matrix, name="products_governance_matrix"),
    ]


@hooks.register("register_page_header_buttons")
def governance_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, ProductPage) and user.has_perm("products.add_criterionassessment"):
        yield Button(
            _("Vurdér governance"),
            reverse("products_governance_matrix", args=[page.pk]),
            icon_name="tick-inverse",
            priority=85,
        )


@hooks.register("register_page_header_buttons")
def publiccode_import_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, ProductPage) and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Importér publiccode.yml"),
            reverse("products_import_publiccode", args=[page.pk]),
            icon_name="download",
            priority=80,
        )
