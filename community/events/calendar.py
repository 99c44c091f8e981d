"""iCalendar files and feeds of events (RFC 5545), built with `icalendar`.

Each event keeps one UID for its whole life (its page's translation key), so calendar programs update
the entry they already have; SEQUENCE (the live revision's number) grows with every publish, and a cancelled event is sent with
STATUS:CANCELLED. Times are written in Europe/Copenhagen with the time zone's definition included.
"""

import datetime

import icalendar
from django.http import HttpResponse
from django.utils import timezone

from home.addresses import absolute_url, public_hostname
from home.i18n import with_localized_versions

from . import recurrence
from .recurrence import LOCAL_TZ

# Subscribed feeds keep a year of past events, so a calendar still shows what one attended.
FEED_HISTORY_DAYS = 365


def feed_events(queryset, recent_days=FEED_HISTORY_DAYS):
    events = queryset.select_related("organiser").prefetch_related("exceptions").order_by("start")
    if recent_days is not None:
        events = events.upcoming(now=timezone.now() - datetime.timedelta(days=recent_days))
    return events


def add_recurrence(entry, event):
    """RRULE and an EXDATE for each exception (see `recurrence`)."""
    if not event.rrule():
        return
    start = event.local_start
    entry.add("rrule", recurrence.ical_rule(event.recurrence, start, event.recurrence_until))
    skipped = sorted(event.exception_dates())
    if skipped:
        entry.add(
            "exdate", [datetime.datetime.combine(day, start.time(), tzinfo=LOCAL_TZ) for day in skipped]
        )


def event_uid(event):
    return f"{event.translation_key}@{public_hostname()}"


def event_component(event, for_participant=False, version=None, lang=""):
    """One VEVENT. The online link is left out where the editor shows it only to participants,
    unless the file is made for a confirmed participant. `version` is the event's translation whose
    title, introduction and address it gives (the times, place and status are the event's own);
    `lang` the language of that text, where it is not the calendar's (a Danish event in English)."""
    version = version or event
    text_parameters = {"language": lang} if lang else {}
    entry = icalendar.Event()
    entry.add("uid", event_uid(event))
    stamp = event.last_published_at or timezone.now()
    entry.add("dtstamp", stamp.astimezone(datetime.UTC))
    entry.add("last-modified", stamp.astimezone(datetime.UTC))
    # Every publish makes a newer live revision, so its number only ever grows.
    entry.add("sequence", event.live_revision_id or 0)
    entry.add("dtstart", event.start.astimezone(LOCAL_TZ))
    entry.add("dtend", event.end.astimezone(LOCAL_TZ))
    entry.add("summary", version.title, parameters=text_parameters)
    url = absolute_url(version.url)
    entry.add("url", url)
    show_online = event.online_url and (for_participant or not event.online_url_for_participants_only)
    location = ", ".join(part for part in [event.place_name, event.address_line] if part) or (
        event.online_url if show_online else "Online"
    )
    entry.add("location", location)
    description = [version.introduction, url]
    if show_online:
        description.append(event.online_url)
    entry.add("description", "\n\n".join(part for part in description if part), parameters=text_parameters)
    entry.add("categories", [event.get_kind_display()])
    entry.add(
        "organizer", f"mailto:{event.contact_email or 'os2@os2.eu'}", parameters={"cn": event.organiser_name}
    )
    entry.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    add_recurrence(entry, event)
    return entry


def build_calendar(events, name, for_participant=False):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//OS2 – Offentligt Digitaliseringsfællesskab//os2site//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", str(name))
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"value": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    # A feed read in English gives the English version of each event translated into it.
    for event in with_localized_versions(events):
        calendar.add_component(
            event_component(
                event,
                for_participant=for_participant,
                version=event.localized_version,
                lang=event.localized_lang,
            )
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(events, name, filename):
    response = HttpResponse(build_calendar(events, name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
