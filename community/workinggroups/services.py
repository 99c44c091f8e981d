"""What can happen to a request to join a working group: it is made, approved or declined. Each step
checks what it needs and raises RequestError with a Danish message a person can act on."""

from django.db import IntegrityError, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..members.models import approved_organisation, awaits_approval
from .models import GroupRole, RequestStatus, WorkingGroupMember, WorkingGroupRequest


class RequestError(Exception):
    pass


def check_can_request(group, user):
    """Why the user cannot ask to join the group, as an error; nothing when they can."""
    if awaits_approval(user):
        raise RequestError(
            _(
                "Din konto venter stadig på sekretariatets godkendelse. Når den er godkendt, kan du bede om "
                "at komme med i en arbejdsgruppe."
            )
        )
    if approved_organisation(user) is None:
        raise RequestError(
            _(
                "Kun ansatte i OS2’s medlemsorganisationer med en godkendt konto kan bede om at komme med i "
                "en arbejdsgruppe."
            )
        )
    if group.has_member(user):
        raise RequestError(_("Du er allerede medlem af %(group)s.") % {"group": group.name})
    if group.requests.filter(user=user, status=RequestStatus.PENDING).exists():
        raise RequestError(
            _("Du har allerede bedt om at komme med i %(group)s. Anmodningen afventer svar.")
            % {"group": group.name}
        )


def make_request(group, user, message=""):
    check_can_request(group, user)
    try:
        with transaction.atomic():
            return WorkingGroupRequest.objects.create(
                group=group,
                user=user,
                organisation=approved_organisation(user),
                message=message,
                language=get_language() or "da",
            )
    except IntegrityError:
        # Two submits at once: the database keeps one open request.
        raise RequestError(
            _("Du har allerede bedt om at komme med i %(group)s. Anmodningen afventer svar.")
            % {"group": group.name}
        ) from None


def _decide(request, status, by, reason=""):
    if not request.decide(status, by, reason):
        raise RequestError(_("Anmodningen er allerede afgjort."))


@transaction.atomic
def approve(request, by):
    """The person joins the group as a member, sitting for the organisation they asked for."""
    _decide(request, RequestStatus.APPROVED, by)
    member, _created = WorkingGroupMember.objects.get_or_create(
        group=request.group,
        user=request.user,
        defaults={
            "organisation": request.organisation,
            "role": GroupRole.MEDLEM,
            "sort_order": request.group.members.count(),
        },
    )
    return member


@transaction.atomic
def decline(request, by, reason):
    _decide(request, RequestStatus.DECLINED, by, reason)
