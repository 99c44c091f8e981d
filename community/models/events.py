"""Events: the events page (`/arrangementer/`), event pages with sign-up, waitlist and calendar feeds."""

import datetime
import heapq
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import ParagraphBlock
from home.i18n import with_localized_versions
from home.models import BodyPage, SectionIndexPage
from home.queries import count_per_row

LOCAL_TZ = zoneinfo.ZoneInfo("Europe/Copenhagen")
EVENTS_PER_PAGE = 10


class EventKind(models.TextChoices):
    GENERALFORSAMLING = "generalforsamling", _("Generalforsamling")
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    NETVAERKSMOEDE = "netvaerksmoede", _("Netværksmøde")
    WEBINAR = "webinar", _("Webinar")


class ProgrammeItemBlock(blocks.StructBlock):
    """One point of an event's programme."""

    time = blocks.TimeBlock(label=_("Tidspunkt"), format="%H:%M")
    title = blocks.CharBlock(label=_("Punkt"), max_length=200)
    speaker = blocks.CharBlock(label=_("Oplægsholder"), required=False, max_length=200)
    description = blocks.TextBlock(label=_("Beskrivelse"), required=False)

    class Meta:
        icon = "time"
        label = _("Programpunkt")
        template = "components/streamfield/programme_item_block.html"
        preview_value = {
            "time": datetime.time(9, 30),
            "title": "Velkomst og kaffe",
            "speaker": "OS2's sekretariat",
            "description": "",
        }


class ProgrammeBlock(blocks.StreamBlock):
    item = ProgrammeItemBlock()
    paragraph = ParagraphBlock()


def local_month_bounds(year, month):
    """The first moment of a month and of the next, in Danish time."""
    start = datetime.datetime(year, month, 1, tzinfo=LOCAL_TZ)
    following = datetime.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=LOCAL_TZ)
    return start, following


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", _("Hver uge")
    MONTHLY = "monthly", _("Hver måned (samme ugedag)")


class EventQuerySet(PageQuerySet):
    """Upcoming means not yet over: an event that has started but not ended is still upcoming, and a
    recurring event is upcoming until the last day it repeats."""

    @staticmethod
    def _still_on(now):
        now = now or timezone.now()
        return Q(end__gte=now) | (
            ~Q(recurrence="") & Q(recurrence_until__gte=timezone.localdate(now, LOCAL_TZ))
        )

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

    def with_seat_counts(self):
        # A page of events is read, and a list counted, without grouping every event's sign-ups first.
        confirmed = Registration.objects.filter(status=RegistrationStatus.CONFIRMED)
        return self.annotate(confirmed_count=count_per_row(confirmed, "event"))


class SoonestFirst:
    """Upcoming events soonest first. Single events are ordered by the database and only as many are
    read as a slice needs; the few series are ordered here by their next time (computed from their
    rule) and merged in."""

    def __init__(self, upcoming, now):
        self.now = now
        self.single = upcoming.filter(recurrence="").order_by("start", "pk")
        self.upcoming = upcoming

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
            singles = list(self.single[: index.stop])  # a single event has no exceptions
            merged = heapq.merge(singles, self.series, key=lambda event: event.next_start(self.now))
            return list(merged)[index]
        if index < 0:
            return list(self)[index]
        return self[index : index + 1][0]

    def __iter__(self):
        singles = self.single
        return iter(heapq.merge(list(singles), self.series, key=lambda event: event.next_start(self.now)))


EventPageManager = PageManager.from_queryset(EventQuerySet)


class EventIndexPage(RoutablePageMixin, SectionIndexPage):
    """The events page: upcoming events, the archive, filters, and the calendar feeds."""

    subpage_types = ["community.EventPage"]

    class Meta:
        verbose_name = _("arrangementsoversigt")

    def events(self):
        return EventPage.objects.live().public().descendant_of(self.listing_root)

    @path("")
    def listing(self, request):
        from community.event_forms import EventFilterForm

        form = EventFilterForm(request.GET or None, products=self._products_with_events(request))
        filters = form.cleaned_filters() if form.is_bound else EventFilterForm.DEFAULTS
        now = timezone.now()
        events = self.events().with_seat_counts()
        past = filters["tid"] == "tidligere"
        events = events.past(now).order_by("-start") if past else events.upcoming(now)
        if filters["type"]:
            events = events.filter(kind=filters["type"])
        if filters["produkt"]:
            # The only filter across a many-to-many relation, so the only one that can repeat an event.
            events = events.filter(related_products__slug=filters["produkt"]).distinct()
        if filters["sted"] == "fysisk":
            events = events.exclude(place_name="")
        elif filters["sted"] == "online":
            events = events.exclude(online_url="")
        if filters["maaned"]:
            events = events.in_month(*filters["maaned"])
        paginator = Paginator(events if past else events.soonest_first(now), EVENTS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        query = request.GET.copy()
        query.pop("page", None)
        tabs = []
        for value, title in (("kommende", _("Kommende")), ("tidligere", _("Tidligere (arkiv)"))):
            tab_query = query.copy()
            tab_query["tid"] = value
            tabs.append(
                {
                    "title": title,
                    "url": "?" + tab_query.urlencode(),
                    "current": past == (value == "tidligere"),
                }
            )
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "events": with_localized_versions(page_obj.object_list),
                "page_obj": page_obj,
                "query": query.urlencode(),
                "tabs": tabs,
                "past": past,
                "feed_url": self.url + self.reverse_subpage("calendar_feed"),
                "webcal_url": webcal(request, self.url + self.reverse_subpage("calendar_feed")),
            },
        )

    def _products_with_events(self, request):
        """(slug, title) of the products any listed event is about, for the filter: the same for every
        visitor, so a part cached as fresh as a cached page (see os2site.page_cache)."""
        from os2site.page_cache import cached_part
        from products.models import ProductPage

        def build():
            products = ProductPage.objects.live().filter(events__in=self.events()).distinct()
            return list(products.order_by("title").values_list("slug", "title"))

        return cached_part(request, "event-filter-products", [self.pk], build)

    @path("kalender/", name="calendar_feed")
    def calendar_feed(self, request):
        from community.calendar import calendar_response, feed_events

        return calendar_response(
            feed_events(self.events()), _("OS2-arrangementer"), "os2-arrangementer.ics", request
        )

    @path("kalender/<slug:product>/", name="product_calendar_feed")
    def product_calendar_feed(self, request, product):
        from community.calendar import calendar_response, feed_events
        from products.models import ProductPage

        product_page = ProductPage.objects.live().public().filter(slug=product).first()
        if product_page is None:
            raise Http404
        return calendar_response(
            feed_events(self.events().filter(related_products=product_page)),
            _("OS2-arrangementer: %(product)s") % {"product": product_page.title},
            f"{product_page.slug}-arrangementer.ics",
            request,
        )

    def product_feed_url(self, product):
        return self.url + self.reverse_subpage("product_calendar_feed", kwargs={"product": product.slug})


def webcal(request, url_path):
    """The subscribable address of a calendar feed (webcal:// makes calendar programs subscribe)."""
    return f"webcal://{request.get_host()}{url_path}"


class EventPage(RoutablePageMixin, BodyPage):
    """One event. The body describes it; the programme lists its points; sign-ups are Registrations."""

    kind = models.CharField(_("type"), max_length=30, choices=EventKind.choices)
    start = models.DateTimeField(_("start"), db_index=True, help_text=_("Dansk tid."))
    end = models.DateTimeField(_("slut"), db_index=True, help_text=_("Dansk tid."))
    cancelled = models.BooleanField(
        _("aflyst"),
        default=False,
        help_text=_("Siden bliver stående med besked om aflysning; kalenderfeeds viser aflysningen."),
    )
    place_name = models.CharField(_("sted"), max_length=200, blank=True)
    address = models.TextField(_("adresse"), blank=True)
    online_url = models.URLField(_("link til online deltagelse"), blank=True)
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
    contact_email = models.EmailField(_("kontakt-e-mail"), blank=True)
    related_products = ParentalManyToManyField(
        "products.ProductPage", verbose_name=_("relaterede produkter"), blank=True, related_name="events"
    )
    programme = StreamField(ProgrammeBlock(), verbose_name=_("program"), blank=True)
    registration_open = models.BooleanField(_("tilmelding åben"), default=True)
    capacity = models.PositiveIntegerField(
        _("antal pladser"), null=True, blank=True, help_text=_("Tom betyder ubegrænset.")
    )
    registration_deadline = models.DateTimeField(_("tilmeldingsfrist"), null=True, blank=True)
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
    recurrence_until = models.DateField(_("gentages til og med"), null=True, blank=True)
    slides_url = models.URLField(_("link til slides"), blank=True)
    recording_url = models.URLField(_("link til optagelse"), blank=True)

    objects = EventPageManager()

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
            [FieldPanel("organiser"), FieldPanel("contact_email"), FieldPanel("related_products")],
            heading=_("Arrangør og produkter"),
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
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Slut skal ligge efter start.")
        if not self.place_name and not self.online_url:
            errors["place_name"] = _("Angiv et sted eller et link til online deltagelse.")
        if self.registration_deadline and self.start and self.registration_deadline > self.start:
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
        """The repetition as a dateutil rule over local wall-clock times (so 10.00 stays 10.00 across
        summer time), or None. Monthly repeats keep the weekday: the 2nd Tuesday stays the 2nd
        Tuesday, and a 5th weekday becomes the last one."""
        from dateutil import rrule

        if not self.recurrence or not self.recurrence_until:
            return None
        start = self.local_start.replace(tzinfo=None)
        until = datetime.datetime.combine(self.recurrence_until, datetime.time(23, 59, 59))
        if self.recurrence == Recurrence.WEEKLY:
            return rrule.rrule(rrule.WEEKLY, dtstart=start, until=until)
        nth = (start.day - 1) // 7 + 1
        weekday = rrule.weekday(start.weekday())(nth if nth < 5 else -1)
        return rrule.rrule(rrule.MONTHLY, dtstart=start, until=until, byweekday=weekday)

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
        if self.recurrence == Recurrence.WEEKLY:
            rule = _("Hver %(weekday)s") % {"weekday": date_format(self.local_start, "l")}
        else:
            nth = (self.local_start.day - 1) // 7 + 1
            rule = _("%(nth)s %(weekday)s i måneden") % {
                "nth": _("Sidste") if nth == 5 else f"{nth}.",
                "weekday": date_format(self.local_start, "l"),
            }
        return _("%(rule)s til og med %(until)s") % {
            "rule": rule,
            "until": date_format(self.recurrence_until, "j. F Y"),
        }

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
                "day": date_format(start, "l j. F Y"),
                "start": date_format(start, "H.i"),
                "end": date_format(end, "H.i"),
            }
        return _("%(start)s til %(end)s") % {
            "start": date_format(start, "l j. F Y, \\k\\l. H.i"),
            "end": date_format(end, "l j. F Y, \\k\\l. H.i"),
        }

    def short_when(self):
        """When it is (next) on, short: for a recurring event the next time."""
        start = self.local_start
        if self.recurrence:
            following = self.next_occurrence() or (self.occurrences() or [(start, None)])[-1]
            start = following[0]
        return date_format(start, "j. F Y, \\k\\l. H.i")

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

    @property
    def address_line(self):
        return ", ".join(line.strip() for line in self.address.splitlines() if line.strip())

    def is_past(self, now=None):
        if self.recurrence:
            return self.next_occurrence(now) is None
        return self.end < (now or timezone.now())

    # What search engines and link previews read (see home.seo).
    def structured_data(self, request):
        from home import seo

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
        from community import ratelimit, signup
        from community.event_forms import RegistrationForm

        from .members import approved_organisation, awaits_approval

        closed = self.registration_closed_reason()
        # Members' events are for approved members of a member organisation, not any account.
        may_sign_up = self.guests_allowed or approved_organisation(request.user) is not None
        form = None
        status = 200
        if not closed and may_sign_up:
            if request.method == "POST":
                form = RegistrationForm(request.POST, event=self, user=request.user)
                if form.is_valid() and not ratelimit.allow_request("event-signup", request):
                    form.add_error(None, ratelimit.TOO_MANY)
                    status = 429
                elif form.is_valid():
                    try:
                        registration = signup.register(
                            self,
                            name=form.cleaned_data["name"],
                            email=form.cleaned_data["email"],
                            user=request.user if request.user.is_authenticated else None,
                            answers=form.answers(),
                        )
                    except signup.SignupError as error:
                        form.add_error(None, error.message)
                    else:
                        return redirect(registration.manage_path())
            else:
                form = RegistrationForm(event=self, user=request.user)
        own = None
        if request.user.is_authenticated:
            own = self.registrations.active().filter(user=request.user).first()
        response = self.render(
            request,
            context_overrides={
                "form": form,
                "closed_reason": closed,
                "may_sign_up": may_sign_up,
                "awaits_approval": awaits_approval(request.user),
                "own_registration": own,
                "show_online_url": self.online_url
                and (not self.online_url_for_participants_only or (own and own.is_confirmed)),
                "ics_url": self.url + self.reverse_subpage("calendar_file"),
                "related": self.related_products.live().public().order_by("title"),
                "next_occurrences": self.occurrences(after=timezone.now())[:6] if self.recurrence else [],
                "exceptions": self.exceptions.filter(date__gte=timezone.localdate())
                if self.recurrence
                else [],
                "login_url": login_url(self.url),
            },
        )
        response.status_code = status
        return response

    @path("kalender/", name="calendar_file")
    def calendar_file(self, request):
        from community.calendar import calendar_response, feed_events

        return calendar_response(
            feed_events(EventPage.objects.filter(pk=self.pk), recent_days=None),
            self.title,
            f"{self.slug}.ics",
            request,
        )

    @path("tilmelding/<str:token>/", name="registration")
    def registration_view(self, request, token):
        from community import signup

        registration = Registration.objects.filter(event=self, token=token).first()
        if registration is None or len(token) < 20:
            raise Http404
        if request.method == "POST" and request.POST.get("action") == "afmeld":
            signup.cancel(registration)
            return redirect(registration.manage_path() + "?afmeldt=1")
        return self.render(
            request,
            template="community/registration.html",
            context_overrides={
                "registration": registration,
                "waitlist_position": registration.waitlist_position(),
                "just_cancelled": request.GET.get("afmeldt") == "1",
                "ics_url": self.url + self.reverse_subpage("calendar_file"),
            },
        )


def login_url(next_path):
    from urllib.parse import urlencode

    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL) + "?" + urlencode({"next": next_path})


class EventException(Orderable):
    """A date a recurring event does not take place (holidays, a meeting moved elsewhere)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("dato"))
    note = models.CharField(
        _("bemærkning"), max_length=200, blank=True, help_text=_("F.eks. 'Holdes ikke i påsken'.")
    )

    panels = [FieldPanel("date"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("undtagelse")
        verbose_name_plural = _("undtagelser")

    def __str__(self):
        return f"{self.date:%d.%m.%Y}"


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Kort tekst")
    LONG_TEXT = "long_text", _("Lang tekst")
    CHOICE = "choice", _("Valg mellem svar")
    YES_NO = "yes_no", _("Ja/nej")


class EventQuestion(Orderable):
    """A question people answer when they sign up (diet, which workshop, …)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("spørgsmål"), max_length=200)
    kind = models.CharField(
        _("svartype"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    choices = models.TextField(
        _("svarmuligheder"), blank=True, help_text=_("Én pr. linje, ved 'valg mellem svar'.")
    )
    required = models.BooleanField(_("påkrævet"), default=False)

    panels = [FieldPanel("label"), FieldPanel("kind"), FieldPanel("choices"), FieldPanel("required")]

    class Meta(Orderable.Meta):
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")

    def __str__(self):
        return self.label

    def clean(self):
        if self.kind == QuestionKind.CHOICE and len(self.choice_list()) < 2:
            raise ValidationError({"choices": _("Angiv mindst to svarmuligheder, én pr. linje.")})

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Tilmeldt")
    WAITLIST = "waitlist", _("På venteliste")
    CANCELLED = "cancelled", _("Afmeldt")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLIST)


def new_token():
    """The secret in a registration's link: 256 random bits, so links cannot be guessed."""
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlist(self):
        return self.filter(status=RegistrationStatus.WAITLIST).order_by("created_at", "pk")


class Registration(models.Model):
    """A sign-up for an event: confirmed, on the waitlist (in order of sign-up), or cancelled."""

    event = models.ForeignKey(
        EventPage, verbose_name=_("arrangement"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    answers = models.JSONField(_("svar"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("tilmeldt"), default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(_("afmeldt"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["confirmed", "waitlist"]),
                name="one_active_registration_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.event.title}"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waitlisted(self):
        return self.status == RegistrationStatus.WAITLIST

    @property
    def is_cancelled(self):
        return self.status == RegistrationStatus.CANCELLED

    def manage_path(self):
        return self.event.url + self.event.reverse_subpage("registration", kwargs={"token": self.token})

    def waitlist_position(self):
        if not self.is_waitlisted:
            return None
        earlier = Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
        return Registration.objects.waitlist().filter(event_id=self.event_id).filter(earlier).count() + 1

    def answers_text(self):
        """The answers on one line, for the list and the CSV export."""
        return "; ".join(f"{item['question']}: {item['answer']}" for item in self.answers or [])

    answers_text.short_description = _("svar")
