"""What the events domain registers with Wagtail: the organisers' list of sign-ups (filter, search,
export), a link from each event to its sign-ups, and the next events on the front page and on the
pages of the products they are about."""

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from home.i18n import with_localized_versions
from home.locales import default_locale, public_pages
from home.navigation import section_url
from products.permissions import coordinated_products

from .models import EventKind, Registration, RegistrationStatus
from .pages import EventIndexPage, EventPage
from .recurrence import LOCAL_TZ

SECTION_SIZE = 3
# An event's kind as `get_kind_display()` shows it, without its making the choices into a new dict
# (translating every label) for each event.
KIND_LABELS = dict(EventKind.choices)


def event_items(events, request=None):
    # With the request, Wagtail keeps the sites' root paths on it instead of asking the cache per link.
    # A translated event is shown by its translation's title and address, found for all in one query.
    return [
        {
            "heading": event.localized_version.title,
            "url": event.localized_version.get_url(request),
            "text": event.where(),
            "meta": f"{KIND_LABELS.get(event.kind, event.kind)} · {event.short_when()}",
            "lang": event.localized_lang,
        }
        for event in with_localized_versions(events, fields=LISTED_EVENT_FIELDS)
    ]


# What event_items shows of an event, and what its next time is worked out from.
LISTED_EVENT_FIELDS = [
    "title",
    "url_path",
    "translation_key",
    "kind",
    "start",
    "end",
    "recurrence",
    "recurrence_until",
    "place_name",
    "online_url",
]


def upcoming_events(product=None, project=None):
    """The Danish pages: a translation is shown in place of its Danish page, not beside it. Like the
    events page, without the working groups' meetings: a product's page shows them with its groups."""
    # The private sections as read once per generation (home.locales): no restriction query per list.
    # Only what the items show (event_items: title, address, kind, when and where, and the translation
    # key to find a translation by) is read: not the StreamFields, nor the forty other columns of the
    # page, which after a change cost more to select and load than the query to run.
    events = public_pages(
        EventPage.objects.live()
        .filter(cancelled=False, locale=default_locale())
        .without_group_meetings()
        .only(*LISTED_EVENT_FIELDS)
    )
    if product is not None:
        events = events.filter(related_products=product)
    if project is not None:
        events = events.filter(related_projects=project)
    return events.soonest_first(timezone.now())


@hooks.register("home_page_sections")
def next_events(request):
    return [
        {
            "heading": _("Kommende arrangementer"),
            "items": event_items(upcoming_events()[:SECTION_SIZE], request),
            "more_url": section_url(request, EventIndexPage),
            "more_label": _("Se alle arrangementer"),
            "order": 20,
        }
    ]


@hooks.register("product_page_sections")
def product_events(request, product_page):
    """The product's upcoming events, for its product page."""
    events_url = section_url(request, EventIndexPage)
    return [
        {
            "heading": _("Kommende arrangementer om %(product)s") % {"product": product_page.title},
            "items": event_items(upcoming_events(product_page)[:SECTION_SIZE], request),
            "more_url": f"{events_url}?produkt={product_page.slug}" if events_url else None,
            "more_label": _("Alle arrangementer om %(product)s") % {"product": product_page.title},
            "order": 40,
        }
    ]


def own_events(user):
    """The events whose sign-ups the user sees: every event for the secretariat (it may change
    sign-ups), else those about the products the user coordinates."""
    events = EventPage.objects.all()
    if user.has_perm("community.change_registration"):
        return events
    return events.filter(related_products__in=coordinated_products(user)).distinct()


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Arrangement"),
        queryset=lambda request: (
            own_events(request.user).order_by("-start") if request else EventPage.objects.none()
        ),
    )
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=RegistrationStatus.choices)

    class Meta:
        model = Registration
        fields = ["event", "status"]


def local_text(value):
    """A moment as the organisers read it: Danish local time, day first."""
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""


def local_naive(value):
    """Excel has no time zones: the cell holds the Danish local time."""
    return timezone.make_naive(value, LOCAL_TZ) if value else None


class RegistrationIndexView(IndexView):
    custom_field_preprocess = {
        field: {IndexView.FORMAT_CSV: local_text, IndexView.FORMAT_XLSX: local_naive}
        for field in ("created_at", "cancelled_at")
    }


class RegistrationViewSet(SnippetViewSet):
    """Sign-ups for the organisers: filter by event, search, export as CSV or Excel. Status changes go
    through the sign-up and cancel links so the waitlist moves up; here the status is read only."""

    model = Registration
    icon = "group"
    menu_label = gettext_lazy("Tilmeldinger")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "email", "event", "status", "created_at"]
    filterset_class = RegistrationFilterSet
    index_view_class = RegistrationIndexView
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

    def get_queryset(self, request):
        # A coordinator sees the sign-ups of their own product's events only.
        return Registration.objects.filter(event__in=own_events(request.user)).select_related("event")


register_snippet(RegistrationViewSet)


@hooks.register("register_page_listing_more_buttons")
def registrations_button(page, user, next_url=None):
    """From an event in the page tree straight to its sign-ups."""
    if page.specific_class is EventPage and user.has_perm("community.view_registration"):
        url = reverse("wagtailsnippets_community_registration:list") + f"?event={page.pk}"
        yield Button(_("Tilmeldinger"), url=url, icon_name="group", priority=50)
