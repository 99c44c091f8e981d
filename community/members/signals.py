"""The secretariat hears about a new member account once the person has proven their e-mail address,
so it never spends time on sign-ups nobody completes."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from . import emails
from .models import Affiliation, AffiliationStatus


@receiver(email_confirmed, dispatch_uid="community_notify_secretariat")
def notify_secretariat_when_address_is_verified(request, email_address, **kwargs):
    affiliation = (
        Affiliation.objects.filter(user_id=email_address.user_id, status=AffiliationStatus.PENDING)
        .select_related("user", "organisation")
        .first()
    )
    if affiliation and email_address.primary:
        emails.account_awaits_approval(affiliation)
