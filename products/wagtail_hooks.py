from django import forms
from django.db.models import Q
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet, SnippetViewSetGroup

from community.following.services import level_changed
from home.admin_views import ScopedObjectMixin
from home.i18n import text_in_language
from home.locales import public_pages
from home.navigation import section_url
from home.queries import count_per_row

from . import admin, admin_views  # noqa: F401 - admin registers the join requests' views
from .admin_scoping import SCOPED_BULK_ACTIONS, CoordinatorPagePermissionPolicy, SitePageViewSet
from .dashboard import MyProductPanel
from .governance import governance_for
from .models import (
    ContactPerson,
    CriterionAssessment,
    GovernanceCriterion,
    JoiningAgreement,
    ProductIndexPage,
    ProductPage,
    ProductRelease,
)
from .permissions import coordinated_products, is_coordinator_only, products_for_releases, releases_for

# At the top of the hooks, as Wagtail asks, so it is in place before the first admin screen asks for the
# page policy: every page type, in every screen, explores through it.
register_permission_policy(Page, CoordinatorPagePermissionPolicy(Page))


def public_products():
    """`ProductPage.objects.visible_to_public()` (published, outside every private section) with the
    private sections as read once per generation (home.locales): the front page's count and section,
    rebuilt after every change, then ask no restriction query each."""
    return public_pages(ProductPage.objects.live())


@hooks.register("home_page_counts")
def product_count(request):
    return [{"number": public_products().count(), "label": _("produkter"), "order": 30}]


@hooks.register("home_page_sections")
def featured_products(request):
    catalogue_url = section_url(request, ProductIndexPage)
    # The most used products are the ones most visitors look for.
    products = (
        public_products()
        .filter(status="produkt")
        # Only what the cards show: the title, address and tagline of six products.
        .only("title", "url_path", "tagline", "tagline_en")
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


class ReleaseForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        # A coordinator adds releases to their own product only; the form says so by offering no other.
        if for_user is not None:
            products = products_for_releases(for_user).order_by("title")
            self.fields["product"].queryset = products
            if not self.instance.pk and products.count() == 1:
                self.fields["product"].initial = products.first().pk


class OwnReleaseMixin(ScopedObjectMixin):
    """Another product's release is not there for a coordinator, whatever its address."""

    scope = staticmethod(releases_for)


class ReleaseEditView(OwnReleaseMixin, EditView):
    pass


class ReleaseDeleteView(OwnReleaseMixin, DeleteView):
    pass


class ProductReleaseViewSet(SnippetViewSet):
    model = ProductRelease
    icon = "tag"
    menu_label = _l("Versioner")
    list_display = ["version", "product", "released_on"]
    list_filter = ["product"]
    list_export = ["product", "version", "released_on", "url", "notes"]
    ordering = ["-released_on"]
    # A plain list of the products the editor may choose (a page chooser would offer every page).
    edit_handler = ObjectList(
        [
            FieldPanel("product", widget=forms.Select),
            FieldPanel("version"),
            FieldPanel("released_on"),
            FieldPanel("notes"),
            FieldPanel("url"),
        ],
        base_form_class=ReleaseForm,
    )
    edit_view_class = ReleaseEditView
    delete_view_class = ReleaseDeleteView

    def get_queryset(self, request):
        return releases_for(request.user).select_related("product")


class GovernanceMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("products.add_criterionassessment")


class ProductsSnippetGroup(SnippetViewSetGroup):
    menu_label = _l("Governance og kontakter")
    menu_icon = "folder-open-inverse"
    menu_order = 210
    items = [
        ContactPersonViewSet,
        GovernanceCriterionViewSet,
        CriterionAssessmentViewSet,
        ProductReleaseViewSet,
    ]

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
    # "change" counts the pages they wrote under the events page, not the other events there.
    editable = PagePermissionPolicy().instances_user_has_permission_for(request.user, "change")
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


# After Wagtail's own (order -1 and 0): the later registration of a page type, or of a bulk action's
# name, is the one Wagtail uses.
@hooks.register("register_admin_viewset", order=100)
def register_site_page_viewset():
    return SitePageViewSet()


for bulk_action in SCOPED_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=100)


@hooks.register("register_admin_urls")
def publiccode_admin_urls():
    return [
        path(
            "produkter/<int:page_id>/publiccode/",
            admin_views.import_publiccode,
            name="products_import_publiccode",
        ),
        path("governance/", admin_views.governance_products, name="products_governance"),
        path("governance/<int:page_id>/", admin_views.governance_matrix, name="products_governance_matrix"),
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


# A product's followers hear when an assessment changes its governance level. The matrix view tells
# them after a round; these hooks do it for a single assessment added, edited or deleted as a snippet:
# the level is read before the change and compared after it.


def _remember_levels(request, product_ids):
    products = list(ProductPage.objects.filter(pk__in=[pk for pk in product_ids if pk]))
    levels = governance_for(products)
    request._governance_levels_before = {product: levels[product.pk].level for product in products}


def _tell_level_changes(request):
    before = getattr(request, "_governance_levels_before", {})
    if not before:
        return
    after = governance_for(list(before))
    for product, level in before.items():
        level_changed(product, level, after[product.pk].level)


def _posted_product(request):
    value = request.POST.get("product", "")
    return int(value) if value.isdigit() else None


@hooks.register("before_create_snippet")
def level_before_assessment_added(request, model):
    if model is CriterionAssessment and request.method == "POST":
        _remember_levels(request, [_posted_product(request)])


@hooks.register("before_edit_snippet")
def level_before_assessment_edited(request, instance):
    if isinstance(instance, CriterionAssessment) and request.method == "POST":
        _remember_levels(request, [instance.product_id, _posted_product(request)])


@hooks.register("before_delete_snippet")
def level_before_assessments_deleted(request, instances):
    if request.method == "POST" and any(isinstance(i, CriterionAssessment) for i in instances):
        _remember_levels(request, [i.product_id for i in instances if isinstance(i, CriterionAssessment)])


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def tell_followers_of_level_changes(request, instance_or_instances):
    _tell_level_changes(request)
