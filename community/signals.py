"""When an editor publishes an event with more seats than before, the waitlist moves up at once; when
an editor publishes an event as cancelled, everyone signed up is told."""

from django.db import transaction
from wagtail.signals import page_published


def fill_seats_on_publish(sender, instance, **kwargs):
    from .signup import cancel_event, fill_from_waitlist

    if instance.cancelled:
        transaction.on_commit(lambda: cancel_event(instance))
    elif instance.capacity is not None:
        transaction.on_commit(lambda: fill_from_waitlist(instance))


def connect():
    from .models import EventPage

    page_published.connect(fill_seats_on_publish, sender=EventPage, dispatch_uid="community_fill_seats")
