"""The coordinator's "Mit produkt" panel on the admin dashboard: their product and its tabs with where
each stands in the secretariat's approval (and the secretariat's comment when it asks for changes),
the events about the product with their sign-ups, and a link to edit each."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from community.events.pages import EventIndexPage, EventPage

LIVE = _("Udgivet")
LIVE_WITH_DRAFT = _("Udgivet, med ændringer i skitse")
DRAFT = _("Skitse")
AWAITING = _("Afventer godkendelse")
CHANGES_REQUESTED = _("Ændringer ønsket")
# Events listed per product on the panel.
EVENTS_SHOWN = 10


def page_status(page):
    """(label, css modifier, the secretariat's comment) for where a page stands."""
    state = WorkflowState.objects.active().for_instance(page).first()
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        rejected = (
            TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
            .order_by("-finished_at")
            .first()
        )
        return CHANGES_REQUESTED, "critical", rejected.comment if rejected else ""
    if state:
        return AWAITING, "warning", ""
    if not page.live:
        return DRAFT, "secondary", ""
    if page.has_unpublished_changes:
        return LIVE_WITH_DRAFT, "secondary", ""
    return LIVE, "success", ""


def page_row(page):
    label, modifier, comment = page_status(page)
    return {
        "page": page,
        "status": label,
        "modifier": modifier,
        "comment": comment,
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
    }


class MyProductPanel(Component):
    name = "my_product"
    order = 50
    template_name = "products/admin/my_product_panel.html"

    def __init__(self, products):
        self.products = products

    def get_context_data(self, parent_context=None):
        events_page = Page.objects.type(EventIndexPage).first()
        now = timezone.now()
        products = []
        for product in self.products:
            # The next events first (the ones a coordinator has work with), then the latest past ones.
            about = EventPage.objects.filter(related_products=product)
            upcoming = list(about.filter(start__gte=now).order_by("start")[:EVENTS_SHOWN])
            events = upcoming + list(
                about.filter(start__lt=now).order_by("-start")[: EVENTS_SHOWN - len(upcoming)]
            )
            products.append(
                {
                    **page_row(product),
                    "tabs": [page_row(tab) for tab in product.get_children().order_by("path")],
                    "add_tab_url": reverse(
                        "wagtailadmin_pages:add", args=["products", "producttabpage", product.pk]
                    ),
                    "events": [
                        {
                            **page_row(event),
                            "registrations_url": reverse("wagtailsnippets_community_registration:list")
                            + f"?event={event.pk}",
                        }
                        for event in events
                    ],
                }
            )
        return {
            "products": products,
            "add_event_url": reverse(
                "wagtailadmin_pages:add", args=["community", "eventpage", events_page.pk]
            )
            if events_page
            else None,
            "images_url": reverse("wagtailimages:index"),
            "documents_url": reverse("wagtaildocs:index"),
        }
