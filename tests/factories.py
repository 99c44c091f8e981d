"""Content that several tests publish the same way."""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from community.models import EventIndexPage, EventKind, EventPage


def publish_event_about(product, title, days_ahead=3):
    """A seminar about `product` in a few days, published on the events page."""
    start = (timezone.now() + datetime.timedelta(days=days_ahead)).replace(second=0, microsecond=0)
    event = EventPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        start=start,
        end=start + datetime.timedelta(hours=2),
        kind=EventKind.SEMINAR,
        place_name="Dokk1, Aarhus",
        related_products=[product],
    )
    EventIndexPage.in_default_language().add_child(instance=event)
    event.save_revision().publish()
    return event


def publish_english_translation(page, title, slug, **fields):
    """The page's English translation (same translation key, under the English version of its parent),
    with its own title and address, published."""
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = title
    translation.slug = slug
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return type(translation).objects.get(pk=translation.pk)  # as published, at its new address
