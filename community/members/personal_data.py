"""A member's own data: everything the site keeps about them as one JSON download, and deleting the
account.

Deleting removes the person and keeps what OS2 must keep, without their name:
- the account, its e-mail addresses, two-factor devices, affiliation, idea and product follows and
  comment reports go;
- their event sign-ups go, and each freed seat goes to the first on the waitlist;
- ideas, comments and pledges stay (they belong to the organisation's dealings with OS2) and show
  "Tidligere bruger" instead of the name;
- join applications they sent stay as the record of how their organisation joined, with the contact
  person's name, e-mail and phone removed;
- organisations, agreements and product pages stay; where the person is the organisation's contact, the
  contact name and e-mail are cleared, and their name and address are removed from every saved version
  (revision) of organisation profiles; the admin's history shows "deleted user" for their changes.
"""

import json

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils import timezone
from wagtail.models import Revision

from ..events import registration as event_registration
from ..events.models import Registration
from ..following.models import ProductFollow
from ..ideas.models import Idea, IdeaComment, IdeaFollow, Pledge
from ..joining.models import JoinApplication
from .models import Affiliation, Organisation

DELETED_NAME = "Slettet bruger"


def _date(value):
    return value.isoformat() if value else None


def export(user):
    """Everything about the person, as a dictionary ready for JSON."""
    affiliation = Affiliation.objects.filter(user=user).select_related("organisation").first()
    emails = list(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    return {
        "eksporteret": _date(timezone.now()),
        "konto": {
            "brugernavn": user.get_username(),
            "fornavn": user.first_name,
            "efternavn": user.last_name,
            "email": user.email,
            "emailadresser": [
                {"email": address.email, "primær": address.primary, "bekræftet": address.verified}
                for address in EmailAddress.objects.filter(user=user)
            ],
            "oprettet": _date(user.date_joined),
            "sidste_login": _date(user.last_login),
            "totrinsbekræftelse": Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists(),
        },
        "tilknytning": affiliation
        and {
            "organisation": affiliation.organisation.name,
            "stilling": affiliation.job_title,
            "status": affiliation.get_status_display(),
            "anmodet": _date(affiliation.requested_at),
            "afgjort": _date(affiliation.decided_at),
        },
        "idéer": [
            {
                "titel": idea.title,
                "behov": idea.need,
                "gevinst": idea.benefit,
                "hvem_ellers": idea.shared_with,
                "organisation": idea.organisation.name,
                "oprettet": _date(idea.created_at),
                "adresse": idea.get_absolute_url(),
            }
            for idea in Idea.objects.filter(submitter=user).select_related("organisation")
        ],
        "kommentarer": [
            {"idé": comment.idea.title, "tekst": comment.body, "skrevet": _date(comment.created_at)}
            for comment in IdeaComment.objects.filter(author=user).select_related("idea")
        ],
        "tilsagn": [
            {
                "idé": pledge.idea.title,
                "organisation": pledge.organisation.name,
                "opbakning": pledge.get_kind_display(),
                "beløb": str(pledge.amount) if pledge.amount is not None else None,
                "bemærkning": pledge.note,
                "givet": _date(pledge.created_at),
            }
            for pledge in Pledge.objects.filter(user=user).select_related("idea", "organisation")
        ],
        "følger": [
            {
                "idé": follow.idea.title,
                "emails": follow.get_frequency_display(),
                "siden": _date(follow.created_at),
            }
            for follow in IdeaFollow.objects.filter(user=user).select_related("idea")
        ],
        "følger_produkter": [
            {
                "produkt": follow.product.title,
                "emails": follow.get_frequency_display(),
                "sprog": follow.language,
                "siden": _date(follow.created_at),
            }
            for follow in ProductFollow.objects.filter(user=user).select_related("product")
        ],
        "tilmeldinger": [
            {
                "arrangement": registration.event.title,
                "start": _date(registration.event.start),
                "navn": registration.name,
                "email": registration.email,
                "status": registration.get_status_display(),
                "svar": registration.answers,
            }
            for registration in _registrations(user, emails).select_related("event")
        ],
        "medlemsansøgninger": [
            {
                "organisation": application.organisation_name,
                "ansøger_som": application.get_path_display(),
                "kontaktperson": application.contact_name,
                "email": application.contact_email,
                "telefon": application.contact_phone,
                "modtaget": _date(application.submitted_at),
                "status": application.get_status_display(),
            }
            for application in JoinApplication.objects.filter(contact_email__in=emails)
        ],
    }


def export_json(user):
    return json.dumps(export(user), ensure_ascii=False, indent=2)


def _registrations(user, emails):
    return Registration.objects.filter(user=user) | Registration.objects.filter(email__in=emails)


def _scrub(value, replacements):
    """The same JSON-like value with every string equal to (or containing) a personal value replaced."""
    if isinstance(value, str):
        for old, new in replacements:
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_scrub(item, replacements) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, replacements) for key, item in value.items()}
    return value


def delete_account(user):
    """Delete the person and anonymise what stays (see the module's description)."""
    emails = set(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    if user.email:
        emails.add(user.email)
    emails = {email.lower() for email in emails} | emails
    full_name = user.get_full_name().strip()
    replacements = [(email, "") for email in emails]
    if full_name:
        replacements.insert(0, (full_name, DELETED_NAME))

    with transaction.atomic():
        for registration in _registrations(user, emails):
            event_registration.remove(registration)

        JoinApplication.objects.filter(contact_email__in=emails).update(
            contact_name=DELETED_NAME, contact_email="", contact_phone=""
        )

        for organisation in Organisation.objects.filter(contact_email__in=emails):
            organisation.contact_email = ""
            if organisation.contact_name == full_name:
                organisation.contact_name = DELETED_NAME
            organisation.save()

        organisation_revisions = Revision.objects.filter(
            base_content_type__app_label="community", base_content_type__model="organisation"
        )
        for revision in organisation_revisions.iterator():
            text = json.dumps(revision.content, ensure_ascii=False)
            if any(old in text for old, _new in replacements):
                revision.content = _scrub(revision.content, replacements)
                revision.save(update_fields=["content"])

        user.delete()
