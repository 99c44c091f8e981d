"""When events take place: Danish time, months, and the one rule for events that repeat.

A weekly event repeats on the same weekday; a monthly one on the same weekday of the month (the 2nd
Tuesday stays the 2nd Tuesday, and a 5th weekday becomes the last one). Occurrences, the month filter,
the text visitors read and the iCalendar RRULE all come from `monthly_position`, so they cannot
disagree. The rule runs over local wall-clock times, so 10.00 stays 10.00 across summer time.
"""

import datetime
import zoneinfo

from dateutil import easter, rrule
from django.contrib.humanize.templatetags.humanize import ordinal
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LOCAL_TZ = zoneinfo.ZoneInfo("Europe/Copenhagen")
ICAL_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", gettext_lazy("Hver uge")
    MONTHLY = "monthly", gettext_lazy("Hver måned (samme ugedag)")


def local_month_bounds(year, month):
    """The first moment of a month and of the next, in Danish time."""
    start = datetime.datetime(year, month, 1, tzinfo=LOCAL_TZ)
    following = datetime.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=LOCAL_TZ)
    return start, following


def monthly_position(start):
    """Which of its weekdays in the month `start` falls on: 1–4, or -1 for the last (a 5th weekday
    does not exist in every month, so it repeats as the last one)."""
    nth = (start.day - 1) // 7 + 1
    return nth if nth < 5 else -1


def last_moment(until):
    """The end of the last day a series repeats, in Danish time."""
    return datetime.datetime.combine(until, datetime.time(23, 59, 59), tzinfo=LOCAL_TZ)


def rule(recurrence, local_start, until):
    """The repetition as a dateutil rule over naive local wall-clock times, or None."""
    if not recurrence or not until:
        return None
    start = local_start.replace(tzinfo=None)
    end = last_moment(until).replace(tzinfo=None)
    if recurrence == Recurrence.WEEKLY:
        return rrule.rrule(rrule.WEEKLY, dtstart=start, until=end)
    weekday = rrule.weekday(start.weekday())(monthly_position(start))
    return rrule.rrule(rrule.MONTHLY, dtstart=start, until=end, byweekday=weekday)


def ical_rule(recurrence, local_start, until):
    """The same repetition as an iCalendar RRULE (UNTIL in UTC, as RFC 5545 asks with a TZID start)."""
    value = {
        "freq": "WEEKLY" if recurrence == Recurrence.WEEKLY else "MONTHLY",
        "until": last_moment(until).astimezone(datetime.UTC),
    }
    if recurrence == Recurrence.MONTHLY:
        value["byday"] = f"{monthly_position(local_start)}{ICAL_WEEKDAYS[local_start.weekday()]}"
    return value


def describe(recurrence, local_start, until):
    """'2. tirsdag i måneden til og med 31. december 2030', in the active language."""
    weekday = date_format(local_start, "l")
    if recurrence == Recurrence.WEEKLY:
        text = _("Hver %(weekday)s") % {"weekday": weekday}
    else:
        position = monthly_position(local_start)
        text = _("%(nth)s %(weekday)s i måneden") % {
            "nth": _("Sidste") if position == -1 else ordinal(position),  # "2." / "2nd"
            "weekday": weekday,
        }
    return _("%(rule)s til og med %(until)s") % {"rule": text, "until": date_format(until, "DATE_FORMAT")}


def days_off(year):
    """{date: name} of the Danish public holidays of a year, and the days most workplaces close
    (Christmas Eve, New Year's Eve, Constitution Day): no day for a meeting."""
    sunday = easter.easter(year)
    days = {
        datetime.date(year, 1, 1): _("nytårsdag"),
        sunday - datetime.timedelta(days=3): _("skærtorsdag"),
        sunday - datetime.timedelta(days=2): _("langfredag"),
        sunday: _("påskedag"),
        sunday + datetime.timedelta(days=1): _("2. påskedag"),
        sunday + datetime.timedelta(days=39): _("Kristi himmelfartsdag"),
        sunday + datetime.timedelta(days=49): _("pinsedag"),
        sunday + datetime.timedelta(days=50): _("2. pinsedag"),
        datetime.date(year, 6, 5): _("grundlovsdag"),
        datetime.date(year, 12, 24): _("juleaftensdag"),
        datetime.date(year, 12, 25): _("juledag"),
        datetime.date(year, 12, 26): _("2. juledag"),
        datetime.date(year, 12, 31): _("nytårsaftensdag"),
    }
    if year < 2024:  # Store bededag was a public holiday until 2023.
        days[sunday + datetime.timedelta(days=26)] = _("store bededag")
    return days


def is_working_day(day):
    return day.weekday() < 5 and day not in days_off(day.year)
