"""When an editor publishes an event with more seats than before, the waitlist moves up at once."""

from django.db import transaction
from wagtail.signals import page_published


def fill_seats_on_publish(sender, instance, **kwargs):
    from .signup import fill_from_waitlist

    if instance.capacity is not None and not instance.cancelled:
        transaction.on_commit(lambda: fill_from_waitlist(instance))


def connect():
    from .models import EventPage

    page_published.connect(fill_seats_on_publish, sender=EventPage, dispatch_uid="community_fill_seats")
