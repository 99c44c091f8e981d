"""Event pages: the events page (`/arrangementer/`) with its filters and calendar feeds, and each
event with its sign-up. What the pages do with a request is in `views`."""

import datetime
import heapq

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home import seo
from home.formatting import weekday_date, weekday_datetime
from home.models import BodyPage, SectionIndexPage
from home.queries import count_per_row

from . import recurrence, views
from .blocks import ProgrammeBlock
from .forms import EventPageForm
from .models import EventException, EventKind, Registration, RegistrationStatus
from .recurrence import LOCAL_TZ, Recurrence, local_month_bounds


class EventQuerySet(PageQuerySet):
    """Upcoming means not yet over: an event that has started but not ended is still upcoming, and a
    recurring event is upcoming until the last day it repeats."""

    @staticmethod
    def _still_on(now):
        now = now or timezone.now()
        return Q(end__gte=now) | (
            ~Q(recurrence="") & Q(recurrence_until__gte=timezone.localdate(now, LOCAL_TZ))
        )

    def without_group_meetings(self):
        """Events that are not a working group's meeting, nor a translation of one. A group's meetings
        concern its members: they are shown with the group (on the product's page) and on their own
        page, not in the public lists of events, their feeds and their filters."""
        # The meetings' pages by the meetings' own column, not through the events' table joined to both.
        # Their model is found through the relation: the working groups' domain imports this one.
        meetings = self.model._meta.get_field("working_group_meetings").related_model.objects
        meeting_pages = Page.objects.filter(pk__in=meetings.values("event_id"))
        return self.exclude(translation_key__in=meeting_pages.values("translation_key"))

    def upcoming(self, now=None):
        return self.filter(self._still_on(now))

    def past(self, now=None):
        return self.exclude(self._still_on(now))

    def soonest_first(self, now=None):
        """Upcoming events in the order they next take place (a recurring event by its next time), as a
        sequence that can be counted, sliced and paged without loading every upcoming event."""
        return SoonestFirst(self.upcoming(now), now or timezone.now())

    def in_month(self, year, month):
        """Events that take place in the month: a single event that overlaps it, a series with an
        occurrence in it (not one whose time in that month is an exception or after its last day)."""
        start, following = local_month_bounds(year, month)
        repeats = ~Q(recurrence="") & Q(recurrence_until__gte=start.date())
        candidates = self.filter(Q(start__lt=following) & (Q(end__gte=start) | repeats))
        # The few series are checked against their rule here; single events are decided by the query.
        missing = [
            event.pk
            for event in candidates.exclude(recurrence="").prefetch_related("exceptions")
            if not event.occurs_between(start, following)
        ]
        return candidates.exclude(pk__in=missing) if missing else candidates

    def months(self, now=None, past=False):
        """(year, month) of each month in which these events take place from now on, soonest first, or
        (`past`) in which they took place, newest first: the months worth offering in the month filter."""
        now = now or timezone.now()
        events = self.past(now) if past else self.upcoming(now)
        months = set()
        for start, end in events.filter(recurrence="").values_list("start", "end"):
            if past:
                end = min(end, now)
            else:
                start = max(start, now)
            months.update(_months_spanned(start, end))
        # Only the exceptions' dates matter here. The listing reads the series and their exceptions whole,
        # filtered as the visitor asked; sharing one read would tie these months (of every event, cached
        # for all visitors) to those filters, to save two queries only when the months are not cached.
        dates = Prefetch("exceptions", queryset=EventException.objects.only("page_id", "date"))
        for series in events.exclude(recurrence="").prefetch_related(dates):
            for start, end in series.occurrences(after=None if past else now):
                if past and start >= now:
                    break
                months.update(_months_spanned(start, min(end, now) if past else end))
        return sorted(months, reverse=past)

    def with_seat_counts(self):
        # A page of events is read, and a list counted, without grouping every event's sign-ups first.
        confirmed = Registration.objects.filter(status=RegistrationStatus.CONFIRMED)
        return self.annotate(confirmed_count=count_per_row(confirmed, "event"))


def _months_spanned(start, end):
    """(year, month) of every month from the one `start` falls in to the one `end` falls in, Danish time."""
    first, last = start.astimezone(LOCAL_TZ), end.astimezone(LOCAL_TZ)
    index, final = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1
    return [(number // 12, number % 12 + 1) for number in range(index, final + 1)]


# How many series a list of the next few events reads with them in one query (see SoonestFirst).
SERIES_ROOM = 5


class SoonestFirst:
    """Upcoming events soonest first. Single events are ordered by the database and only as many are
    read as a slice needs; the few series are ordered here by their next time (computed from their
    rule) and merged in."""

    def __init__(self, upcoming, now):
        self.now = now
        self.upcoming = upcoming

    @cached_property
    def single(self):
        # Built when asked for: the next few events of the front and product pages are read without it.
        return self.upcoming.filter(recurrence="").order_by("start", "pk")

    @cached_property
    def series(self):
        series = self.upcoming.exclude(recurrence="").prefetch_related("exceptions")
        return sorted(series, key=lambda event: event.next_start(self.now))

    def count(self):
        return self.single.count() + len(self.series)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            if index.step is not None or index.stop is None or (index.start or 0) < 0 or index.stop < 0:
                return list(self)[index]
            if "series" in self.__dict__:
                singles = list(self.single[: index.stop])  # a single event has no exceptions
            else:
                singles = self._first_singles_and_series(index.stop)
            merged = heapq.merge(singles, self.series, key=lambda event: event.next_start(self.now))
            return list(merged)[index]
        if index < 0:
            return list(self)[index]
        return self[index : index + 1][0]

    def _first_singles_and_series(self, count):
        """The first `count` single events, in order, with every series (kept as `series`) read in the
        same query: the front and product pages show a few next events, and after a change each
        query is a round trip to the database. The series come first (a series' rule is never empty,
        a single event's is), then the single events by start; `SERIES_ROOM` more rows than `count`
        hold every series unless there are that many, and then the series are read by themselves.
        One plain query, sorted and cut by the database: finding the first single events in a subquery
        beside the series took PostgreSQL more than twice as long to plan and run, and Django about a
        quarter longer to build."""
        limit = count + SERIES_ROOM
        found = list(self.upcoming.order_by("-recurrence", "start", "pk")[:limit])
        singles = [event for event in found if not event.recurrence]
        if len(found) == limit and len(singles) < max(count, 1):
            # Cut off before the `count`th single event, perhaps among the series: the single events
            # read by themselves, and every series when `series` is asked for.
            return list(self.single[:count])
        series = found[: len(found) - len(singles)]
        if series:
            prefetch_related_objects(series, "exceptions")
        self.series = sorted(series, key=lambda event: event.next_start(self.now))
        return singles[:count]

    def __iter__(self):
        singles = self.single
        return iter(heapq.merge(list(singles), self.series, key=lambda event: event.next_start(self.now)))


EventPageManager = PageManager.from_queryset(EventQuerySet)


class EventIndexPage(RoutablePageMixin, SectionIndexPage):
    """The events page: upcoming events, the archive, filters, and the calendar feeds."""

    subpage_types = ["community.EventPage"]

    class Meta:
        verbose_name = _("arrangementsoversigt")
        verbose_name_plural = _("arrangementsoversigter")

    def events(self):
        """What the page lists and its feeds and filters hold: every public event but the working groups'
        meetings."""
        return EventPage.objects.live().public().descendant_of(self.listing_root).without_group_meetings()

    @path("")
    def listing(self, request):
        return views.listing(request, self)

    @path("kalender/", name="calendar_feed")
    def calendar_feed(self, request):
        return views.calendar_feed(request, self)

    @path("kalender/<slug:product>/", name="product_calendar_feed")
    def product_calendar_feed(self, request, product):
        return views.calendar_feed(request, self, product)

    def product_feed_url(self, product):
        return self.url + self.reverse_subpage("product_calendar_feed", kwargs={"product": product.slug})


class EventPage(RoutablePageMixin, BodyPage):
    """One event. The body describes it; the programme lists its points; sign-ups are Registrations."""

    kind = models.CharField(
        _("type"),
        max_length=30,
        choices=EventKind.choices,
        help_text=_("Hvilken slags arrangement det er; bruges til filtre i kalenderen."),
    )
    start = models.DateTimeField(_("start"), db_index=True, help_text=_("Dansk tid."))
    end = models.DateTimeField(_("slut"), db_index=True, help_text=_("Dansk tid."))
    cancelled = models.BooleanField(
        _("aflyst"),
        default=False,
        help_text=_("Siden bliver stående med besked om aflysning; kalenderfeeds viser aflysningen."),
    )
    place_name = models.CharField(
        _("sted"), max_length=200, blank=True, help_text=_('Stedets navn, fx "Dokk1, Aarhus" eller "Online".')
    )
    address = models.TextField(
        _("adresse"),
        blank=True,
        help_text=_("Gade, postnummer og by, så deltagerne kan finde vej. Tom ved online arrangementer."),
    )
    online_url = models.URLField(
        _("link til online deltagelse"),
        blank=True,
        help_text=_("Link til mødet (Teams, Zoom o.l.), hvis man kan deltage online."),
    )
    online_url_for_participants_only = models.BooleanField(
        _("vis kun linket til tilmeldte"),
        default=False,
        help_text=_("Linket sendes i bekræftelsen og vises kun for tilmeldte."),
    )
    organiser = models.ForeignKey(
        "community.Organisation",
        verbose_name=_("arrangør"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
        help_text=_("Tom betyder OS2's sekretariat."),
    )
    contact_email = models.EmailField(
        _("kontakt-e-mail"),
        blank=True,
        help_text=_("Hvor deltagerne kan skrive med spørgsmål om arrangementet."),
    )
    related_products = ParentalManyToManyField(
        "products.ProductPage",
        verbose_name=_("relaterede produkter"),
        blank=True,
        related_name="events",
        help_text=_("De produkter, arrangementet handler om; det vises på deres sider."),
    )
    # Like news: shown on the project's page and told to the followers of the product it became.
    related_projects = ParentalManyToManyField(
        "community.Project",
        verbose_name=_("relaterede projekter"),
        blank=True,
        related_name="events",
        help_text=_("De projekter, arrangementet handler om; det vises på deres sider."),
    )
    programme = StreamField(
        ProgrammeBlock(),
        verbose_name=_("program"),
        blank=True,
        help_text=_("Programmet punkt for punkt med tidspunkter."),
    )
    registration_open = models.BooleanField(
        _("tilmelding åben"), default=True, help_text=_("Sæt hak, så besøgende kan tilmelde sig på siden.")
    )
    capacity = models.PositiveIntegerField(
        _("antal pladser"), null=True, blank=True, help_text=_("Tom betyder ubegrænset.")
    )
    registration_deadline = models.DateTimeField(
        _("tilmeldingsfrist"),
        null=True,
        blank=True,
        help_text=_(
            "Efter dette tidspunkt kan man ikke længere tilmelde sig. Tom: indtil arrangementet begynder."
        ),
    )
    guests_allowed = models.BooleanField(
        _("alle kan tilmelde sig"),
        default=False,
        help_text=_("Ellers kun medlemmer, der er logget ind."),
    )
    recurrence = models.CharField(
        _("gentages"),
        max_length=20,
        choices=Recurrence.choices,
        blank=True,
        help_text=_("F.eks. et månedligt netværksmøde. Start og slut gælder første gang."),
    )
    recurrence_until = models.DateField(
        _("gentages til og med"),
        null=True,
        blank=True,
        help_text=_("Sidste dag, arrangementet gentages. Tom: det gentages uden slutdato."),
    )
    slides_url = models.URLField(
        _("link til slides"),
        blank=True,
        help_text=_("Link til præsentationerne, når arrangementet er holdt."),
    )
    recording_url = models.URLField(
        _("link til optagelse"), blank=True, help_text=_("Link til optagelsen, når arrangementet er holdt.")
    )

    objects = EventPageManager()
    base_form_class = EventPageForm

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("cancelled"),
            ],
            heading=_("Hvad og hvornår"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("place_name"),
                FieldPanel("address"),
                FieldPanel("online_url"),
                FieldPanel("online_url_for_participants_only"),
            ],
            heading=_("Sted"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("contact_email"),
                FieldPanel("related_products"),
                FieldPanel("related_projects"),
            ],
            heading=_("Arrangør, produkter og projekter"),
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("programme"),
        MultiFieldPanel(
            [
                FieldPanel("registration_open"),
                FieldPanel("capacity"),
                FieldPanel("registration_deadline"),
                FieldPanel("guests_allowed"),
            ],
            heading=_("Tilmelding"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("recurrence"),
                FieldPanel("recurrence_until"),
                InlinePanel("exceptions", heading=_("Undtagelser"), label=_("Undtagelse")),
            ],
            heading=_("Gentagelse"),
        ),
        InlinePanel("questions", heading=_("Spørgsmål ved tilmelding"), label=_("Spørgsmål")),
        MultiFieldPanel(
            [FieldPanel("slides_url"), FieldPanel("recording_url")], heading=_("Efter arrangementet")
        ),
    ]
    search_fields = BodyPage.search_fields + [
        index.SearchField("place_name"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    parent_page_types = ["community.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementer")

    def clean(self):
        super().clean()
        errors = {}
        # Compared as moments: two times in the same zone compare by the clock, and on the night summer
        # time ends 02.30 comes twice (a revision restores the times in Danish time).
        start, end, deadline = (
            value.astimezone(datetime.UTC) if value else value
            for value in (self.start, self.end, self.registration_deadline)
        )
        if start and end and end <= start:
            errors["end"] = _("Slut skal ligge efter start.")
        if not self.place_name and not self.online_url:
            errors["place_name"] = _("Angiv et sted eller et link til online deltagelse.")
        if deadline and start and deadline > start:
            errors["registration_deadline"] = _("Tilmeldingsfristen skal ligge før arrangementet starter.")
        if self.recurrence and not self.recurrence_until:
            errors["recurrence_until"] = _("Angiv, hvor længe arrangementet gentages.")
        if (
            self.recurrence
            and self.recurrence_until
            and self.start
            and self.recurrence_until < self.local_start.date()
        ):
            errors["recurrence_until"] = _("Datoen skal ligge efter første gang.")
        if self.recurrence and self.start and self.end and self.local_end.date() != self.local_start.date():
            errors["end"] = _("Et gentaget arrangement skal starte og slutte samme dag.")
        if self.recurrence and self.capacity is not None:
            errors["capacity"] = _(
                "Pladser tælles for ét arrangement; et gentaget arrangement kan ikke have et antal pladser."
            )
        if errors:
            raise ValidationError(errors)

    # Recurrence ---------------------------------------------------------------------------------

    def rrule(self):
        """The repetition as a rule over local wall-clock times (see `recurrence`), or None."""
        return recurrence.rule(self.recurrence, self.local_start, self.recurrence_until)

    def exception_dates(self):
        return {exception.date for exception in self.exceptions.all()}

    def occurrences(self, after=None):
        """(start, end) of every time the event takes place, in Danish time, skipping exceptions."""
        rule = self.rrule()
        if rule is None:
            return [(self.local_start, self.local_end)]
        duration = self.end - self.start
        skipped = self.exception_dates()
        result = []
        for naive in rule:
            start = naive.replace(tzinfo=LOCAL_TZ)
            if start.date() in skipped:
                continue
            if after is None or start + duration >= after:
                result.append((start, start + duration))
        return result

    def occurs_between(self, start, end):
        """Whether any occurrence overlaps the time from `start` up to (not including) `end`."""
        return any(
            occurrence_start < end and occurrence_end >= start
            for occurrence_start, occurrence_end in self.occurrences(after=start)
        )

    def next_start(self, now=None):
        """When it next starts (or started, if on now); the first start once it is over."""
        if not self.recurrence:
            return self.start
        following = self.next_occurrence(now)
        return following[0] if following else self.start

    def next_occurrence(self, now=None):
        upcoming = self.occurrences(after=now or timezone.now())
        return upcoming[0] if upcoming else None

    def recurrence_text(self):
        if not self.recurrence:
            return ""
        return recurrence.describe(self.recurrence, self.local_start, self.recurrence_until)

    # What visitors see -------------------------------------------------------------------------

    @property
    def local_start(self):
        return timezone.localtime(self.start, LOCAL_TZ)

    @property
    def local_end(self):
        return timezone.localtime(self.end, LOCAL_TZ)

    def when(self):
        """'tirsdag 3. marts 2026, kl. 10.00–12.00', or both dates when it spans days (Danish time)."""
        start, end = self.local_start, self.local_end
        if start.date() == end.date():
            return _("%(day)s, kl. %(start)s–%(end)s") % {
                "day": weekday_date(start),
                "start": date_format(start, "TIME_FORMAT"),
                "end": date_format(end, "TIME_FORMAT"),
            }
        return _("%(start)s til %(end)s") % {
            "start": weekday_datetime(start),
            "end": weekday_datetime(end),
        }

    def short_when(self):
        """When it is (next) on, short: for a recurring event the next time."""
        start = self.local_start
        if self.recurrence:
            following = self.next_occurrence() or (self.occurrences() or [(start, None)])[-1]
            start = following[0]
        return date_format(start, "DATETIME_FORMAT")

    @property
    def is_online(self):
        return bool(self.online_url)

    @property
    def is_physical(self):
        return bool(self.place_name)

    def where(self):
        parts = []
        if self.place_name:
            parts.append(self.place_name)
        if self.online_url:
            parts.append(str(_("Online")))
        return " / ".join(parts)

    def search_result_details(self):
        """Shown with the event in site search, so events of the same title are told apart."""
        return [self.recurrence_text() or date_format(self.local_start, "DATE_FORMAT"), self.where()]

    @property
    def address_line(self):
        return ", ".join(line.strip() for line in self.address.splitlines() if line.strip())

    def is_past(self, now=None):
        if self.recurrence:
            return self.next_occurrence(now) is None
        return self.end < (now or timezone.now())

    # What search engines and link previews read (see home.seo).
    def structured_data(self, request):
        url = request.build_absolute_uri(self.get_url(request))
        places = []
        if self.place_name:
            places.append(
                seo.without_empty(
                    {
                        "@type": "Place",
                        "name": self.place_name,
                        "address": self.address_line or self.place_name,
                    }
                )
            )
        if self.online_url:
            # A link meant for participants only stays out of the page's data too.
            online_url = url if self.online_url_for_participants_only else self.online_url
            places.append({"@type": "VirtualLocation", "url": online_url})
        if len(places) == 2:
            mode = "https://schema.org/MixedEventAttendanceMode"
        elif self.online_url:
            mode = "https://schema.org/OnlineEventAttendanceMode"
        else:
            mode = "https://schema.org/OfflineEventAttendanceMode"
        start, end = self.local_start, self.local_end
        if self.recurrence and (following := self.next_occurrence()):
            start, end = following
        offers = None
        if self.registration_open:
            offers = {
                "@type": "Offer",
                "url": url + "#tilmelding",
                "price": "0",
                "priceCurrency": "DKK",
                "availability": "https://schema.org/SoldOut"
                if self.is_full()
                else "https://schema.org/InStock",
                "validThrough": self.registration_deadline.isoformat()
                if self.registration_deadline
                else None,
            }
            offers = seo.without_empty(offers)
        if self.organiser_id:
            organizer = seo.organisation_reference(request, self.organiser)
        else:
            organizer = seo.os2_reference(request)
        return seo.without_empty(
            {
                "@context": "https://schema.org",
                "@type": "Event",
                "name": self.title,
                "description": seo.description(self),
                "url": url,
                "startDate": start.isoformat(),
                "endDate": end.isoformat(),
                "eventStatus": "https://schema.org/EventCancelled"
                if self.cancelled
                else "https://schema.org/EventScheduled",
                "eventAttendanceMode": mode,
                "location": places[0] if len(places) == 1 else places,
                "organizer": organizer,
                "offers": offers,
                "inLanguage": "da",
            }
        )

    @property
    def organiser_name(self):
        return self.organiser.name if self.organiser_id else str(_("OS2's sekretariat"))

    # Seats and sign-up --------------------------------------------------------------------------

    def confirmed_seats(self):
        if hasattr(self, "confirmed_count"):
            return self.confirmed_count
        return self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()

    def seats_left(self):
        """None when there is no limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_seats(), 0)

    def is_full(self):
        return self.capacity is not None and self.seats_left() == 0

    def registration_closed_reason(self, now=None):
        """Why nobody can sign up now, in Danish, or None when sign-up is open."""
        now = now or timezone.now()
        if self.cancelled:
            return _("Arrangementet er aflyst.")
        if not self.registration_open:
            return _("Der er ikke tilmelding til dette arrangement.")
        if self.recurrence:
            if self.next_occurrence(now) is None:
                return _("Arrangementet er slut.")
        elif self.start <= now:
            return _("Arrangementet er begyndt, og tilmeldingen er lukket.")
        if self.registration_deadline and self.registration_deadline < now:
            return _("Tilmeldingsfristen er overskredet.")
        return None

    # Routes -------------------------------------------------------------------------------------

    @path("")
    def detail(self, request):
        return views.detail(request, self)

    @path("tilmeld/", name="sign_up")
    def sign_up(self, request):
        return views.detail(request, self, signing_up=True)

    @path("kalender/", name="calendar_file")
    def calendar_file(self, request):
        return views.calendar_file(request, self)

    @path("tilmelding/<str:token>/", name="registration")
    def registration_view(self, request, token):
        return views.manage_registration(request, self, token)
