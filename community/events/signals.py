"""When an editor publishes an event with more seats than before, the waitlist moves up at once; when
an editor publishes an event as cancelled, everyone signed up is told. Publishing also gives the
coordinators of the event's products the right to edit it."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from products.permissions import sync_event_permissions

from . import registration
from .pages import EventPage


@receiver(page_published, sender=EventPage, dispatch_uid="community_fill_seats")
def fill_seats_on_publish(sender, instance, **kwargs):
    if instance.cancelled:
        transaction.on_commit(lambda: registration.cancel_event(instance))
    elif instance.capacity is not None:
        transaction.on_commit(lambda: registration.fill_from_waitlist(instance))


@receiver(page_published, sender=EventPage, dispatch_uid="community_event_coordinators")
def let_product_coordinators_edit(sender, instance, **kwargs):
    sync_event_permissions(instance)
