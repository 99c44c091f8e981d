"""Reactions to account events and to published events.

- The secretariat hears about a new member once the person has proven their e-mail address.
- When an editor publishes an event with more seats than before, the waitlist moves up at once; when
  an editor publishes an event as cancelled, everyone signed up is told.
"""

from allauth.account.signals import email_confirmed
from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from .accounts import notify_secretariat_of_signup
from .models import Membership, MembershipStatus


@receiver(email_confirmed, dispatch_uid="community_notify_secretariat")
def notify_secretariat_when_address_is_verified(request, email_address, **kwargs):
    """The secretariat hears about a new member once the person has proven their e-mail address, so it
    never spends time on sign-ups nobody completes."""
    membership = (
        Membership.objects.filter(user_id=email_address.user_id, status=MembershipStatus.PENDING)
        .select_related("user", "organisation")
        .first()
    )
    if membership and email_address.primary:
        notify_secretariat_of_signup(membership)


def fill_seats_on_publish(sender, instance, **kwargs):
    from .signup import cancel_event, fill_from_waitlist

    if instance.cancelled:
        transaction.on_commit(lambda: cancel_event(instance))
    elif instance.capacity is not None:
        transaction.on_commit(lambda: fill_from_waitlist(instance))


def let_product_coordinators_edit(sender, instance, **kwargs):
    from products.permissions import sync_event_permissions

    sync_event_permissions(instance)


def connect():
    from .models import EventPage

    page_published.connect(fill_seats_on_publish, sender=EventPage, dispatch_uid="community_fill_seats")
    page_published.connect(
        let_product_coordinators_edit, sender=EventPage, dispatch_uid="community_event_coordinators"
    )
