from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EventIndexPage, EventPage, NewsIndexPage, NewsPage, Organisation, Registration

SECTION_SIZE = 3


@hooks.register("home_page_counts")
def member_counts(request):
    return [
        {
            "number": Organisation.objects.public_members().count(),
            "label": _("offentlige medlemmer"),
            "order": 10,
        },
        {
            "number": Organisation.objects.supplier_partners().count(),
            "label": _("leverandørpartnere"),
            "order": 20,
        },
    ]


def event_items(events):
    return [
        {
            "heading": event.title,
            "url": event.url,
            "text": event.where(),
            "meta": f"{event.get_kind_display()} · {event.short_when()}",
        }
        for event in events
    ]


def news_items(articles):
    return [
        {
            "heading": article.title,
            "url": article.url,
            "text": article.introduction,
            "meta": article.date.strftime("%d.%m.%Y"),
        }
        for article in articles
    ]


def upcoming_events(product=None):
    events = EventPage.objects.live().public().filter(cancelled=False)
    if product is not None:
        events = events.filter(related_products=product)
    return events.soonest_first(timezone.now())


def latest_news():
    return NewsPage.objects.live().public().order_by("-date", "-pk")


@hooks.register("home_page_sections")
def next_events_and_latest_news(request):
    events_page = EventIndexPage.objects.live().first()
    news_page = NewsIndexPage.objects.live().first()
    return [
        {
            "heading": _("Kommende arrangementer"),
            "items": event_items(upcoming_events()[:SECTION_SIZE]),
            "more_url": events_page.url if events_page else None,
            "more_label": _("Se alle arrangementer"),
            "order": 20,
        },
        {
            "heading": _("Nyheder"),
            "items": news_items(latest_news()[:SECTION_SIZE]),
            "more_url": news_page.url if news_page else None,
            "more_label": _("Se alle nyheder"),
            "order": 30,
        },
    ]


@hooks.register("product_page_sections")
def product_events_and_news(request, product_page):
    """The product's upcoming events and latest news, for its product page."""
    events_page = EventIndexPage.objects.live().first()
    news_page = NewsIndexPage.objects.live().first()
    return [
        {
            "heading": _("Kommende arrangementer om %(product)s") % {"product": product_page.title},
            "items": event_items(upcoming_events(product_page)[:SECTION_SIZE]),
            "more_url": f"{events_page.url}?produkt={product_page.slug}" if events_page else None,
            "more_label": _("Alle arrangementer om %(product)s") % {"product": product_page.title},
            "order": 40,
        },
        {
            "heading": _("Nyheder om %(product)s") % {"product": product_page.title},
            "items": news_items(latest_news().filter(related_products=product_page)[:SECTION_SIZE]),
            "more_url": f"{news_page.url}?produkt={product_page.slug}" if news_page else None,
            "more_label": _("Alle nyheder om %(product)s") % {"product": product_page.title},
            "order": 50,
        },
    ]


class RegistrationViewSet(SnippetViewSet):
    """Sign-ups for the organisers: filter by event, search, export as CSV or Excel. Status changes go
    through the sign-up and cancel links so the waitlist moves up; here the status is read only."""

    model = Registration
    icon = "group"
    menu_label = gettext_lazy("Tilmeldinger")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "email", "event", "status", "created_at"]
    list_filter = {"event": ["exact"], "status": ["exact"]}
    list_export = [
        "event",
        "name",
        "email",
        "get_status_display",
        "created_at",
        "cancelled_at",
        "answers_text",
    ]
    export_headings = {
        "event": gettext_lazy("Arrangement"),
        "name": gettext_lazy("Navn"),
        "email": gettext_lazy("E-mail"),
        "get_status_display": gettext_lazy("Status"),
        "created_at": gettext_lazy("Tilmeldt"),
        "cancelled_at": gettext_lazy("Afmeldt"),
        "answers_text": gettext_lazy("Svar"),
    }
    export_filename = "tilmeldinger"
    search_fields = ["name", "email"]
    search_backend_name = None
    ordering = ["event", "created_at"]
    panels = [
        FieldPanel("event", read_only=True),
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("status", read_only=True),
        FieldPanel("answers", read_only=True),
    ]


register_snippet(RegistrationViewSet)


@hooks.register("register_page_listing_more_buttons")
def registrations_button(page, user, next_url=None):
    """From an event in the page tree straight to its sign-ups."""
    if page.specific_class is EventPage and user.has_perm("community.view_registration"):
        url = reverse("wagtailsnippets_community_registration:list") + f"?event={page.pk}"
        yield Button(_("Tilmeldinger"), url=url, icon_name="group", priority=50)
