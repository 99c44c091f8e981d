"""What the event pages do with a request: the listing with its filters, an event with its sign-up
form, a sign-up's own page (see it, cancel it) and the calendar files. The pages (`pages.py`) route here;
this module works on the page it is given, so it needs no page model of its own."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _

from community import ratelimit
from community.members.models import approved_organisation, awaits_approval
from home.addresses import webcal_url
from home.i18n import with_localized_versions
from os2site.page_cache import cached_part
from products.models import ProductPage

from . import registration
from .calendar import calendar_response, feed_events
from .forms import EventFilterForm, RegistrationForm

EVENTS_PER_PAGE = 10
# How long the filter's months are kept: an event that ends drops out of the upcoming months within it.
MONTHS_SECONDS = 60


def login_url(next_path):
    return resolve_url(settings.LOGIN_URL) + "?" + urlencode({"next": next_path})


def listing(request, index):
    """Upcoming events soonest first, or the archive newest first, filtered by plain GET parameters."""
    now = timezone.now()
    past = request.GET.get("tid") == "tidligere"
    form = EventFilterForm(
        request.GET or None,
        products=products_with_events(request, index),
        months=months_with_events(request, index, now, past),
    )
    filters = form.cleaned_filters() if form.is_bound else EventFilterForm.DEFAULTS
    events = index.events().with_seat_counts()
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
    page_obj = Paginator(events if past else events.soonest_first(now), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    tabs = []
    for value, title in (("kommende", _("Kommende")), ("tidligere", _("Tidligere (arkiv)"))):
        tab_query = query.copy()
        tab_query["tid"] = value
        tabs.append(
            {"title": title, "url": "?" + tab_query.urlencode(), "current": past == (value == "tidligere")}
        )
    feed_url = index.url + index.reverse_subpage("calendar_feed")
    return index.render(
        request,
        context_overrides={
            "filter_form": form,
            "events": with_localized_versions(page_obj.object_list),
            "page_obj": page_obj,
            "query": query.urlencode(),
            "tabs": tabs,
            "past": past,
            "feed_url": feed_url,
            "webcal_url": webcal_url(feed_url),
        },
    )


def products_with_events(request, index):
    """(slug, title) of the products any listed event is about, for the filter: the same for every
    visitor, so a part cached as fresh as a cached page (see os2site.page_cache)."""

    def build():
        products = ProductPage.objects.visible_to_public().filter(events__in=index.events()).distinct()
        return list(products.order_by("title").values_list("slug", "title"))

    return cached_part(request, "event-filter-products", [index.pk], build)


def months_with_events(request, index, now, past):
    """The months that hold events of the tab: only those are worth offering in the month filter.
    Upcoming months change with the clock, so they are kept only briefly."""

    def build():
        return index.events().months(now, past=past)

    return cached_part(request, "event-filter-months", [index.pk, past], build, seconds=MONTHS_SECONDS)


def calendar_feed(request, index, product_slug=None):
    """All events as a subscribable calendar, or those about one product."""
    if product_slug is None:
        return calendar_response(feed_events(index.events()), _("OS2-arrangementer"), "os2-arrangementer.ics")
    product = ProductPage.objects.visible_to_public().filter(slug=product_slug).first()
    if product is None:
        raise Http404
    return calendar_response(
        feed_events(index.events().filter(related_products=product)),
        _("OS2-arrangementer: %(product)s") % {"product": product.title},
        f"{product.slug}-arrangementer.ics",
    )


def detail(request, event, signing_up=False):
    """The event, and its sign-up form for those who may sign up while it is open.

    An anonymous visitor's page holds no form: a form's token belongs to one visitor, so a page with one
    is never cached (os2site.page_cache), and an event is read far more often than it is signed up for.
    It links to the same page with the form (`signing_up`, the `tilmeld/` route) instead; a logged-in
    member's page is theirs anyway and holds the form at once."""
    closed = event.registration_closed_reason()
    # Members' events are for approved members of a member organisation, not any account.
    may_sign_up = event.guests_allowed or approved_organisation(request.user) is not None
    form = None
    sign_up_url = None
    status = 200
    if not closed and may_sign_up:
        if request.method == "GET" and not signing_up and not request.user.is_authenticated:
            sign_up_url = event.url + event.reverse_subpage("sign_up")
        elif request.method == "POST":
            form = RegistrationForm(request.POST, event=event, user=request.user)
            if form.is_valid() and not ratelimit.allow_request("event-signup", request):
                form.add_error(None, ratelimit.TOO_MANY)
                status = 429
            elif form.is_valid():
                try:
                    signed_up = registration.register(
                        event,
                        name=form.cleaned_data["name"],
                        email=form.cleaned_data["email"],
                        user=request.user if request.user.is_authenticated else None,
                        answers=form.answers(),
                    )
                except registration.RegistrationError as error:
                    form.add_error(None, error.message)
                else:
                    return redirect(signed_up.manage_path())
        else:
            form = RegistrationForm(event=event, user=request.user)
    own = None
    if request.user.is_authenticated:
        own = event.registrations.active().filter(user=request.user).first()
    response = event.render(
        request,
        context_overrides={
            "form": form,
            "sign_up_url": sign_up_url,
            "signing_up": signing_up,
            "closed_reason": closed,
            "may_sign_up": may_sign_up,
            "awaits_approval": awaits_approval(request.user),
            "own_registration": own,
            "show_online_url": event.online_url
            and (not event.online_url_for_participants_only or (own and own.is_confirmed)),
            "ics_url": event.url + event.reverse_subpage("calendar_file"),
            "related": event.related_products.visible_to_public().order_by("title"),
            "next_occurrences": event.occurrences(after=timezone.now())[:6] if event.recurrence else [],
            "exceptions": event.exceptions.filter(date__gte=timezone.localdate()) if event.recurrence else [],
            "login_url": login_url(event.url),
        },
    )
    response.status_code = status
    return response


def calendar_file(request, event):
    return calendar_response(
        feed_events(type(event).objects.filter(pk=event.pk), recent_days=None),
        event.title,
        f"{event.slug}.ics",
    )


def manage_registration(request, event, token):
    """A sign-up's own page, reached by the secret link in its mails: see it, or cancel it."""
    signed_up = event.registrations.filter(token=token).first()
    if signed_up is None or len(token) < 20:
        raise Http404
    if request.method == "POST" and request.POST.get("action") == "afmeld":
        registration.cancel(signed_up)
        return redirect(signed_up.manage_path() + "?afmeldt=1")
    return event.render(
        request,
        template="community/registration.html",
        context_overrides={
            "registration": signed_up,
            "waitlist_position": signed_up.waitlist_position(),
            "just_cancelled": request.GET.get("afmeldt") == "1",
            "ics_url": event.url + event.reverse_subpage("calendar_file"),
        },
    )
