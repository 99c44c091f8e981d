"""What can happen to a request to join a working group: it is made, approved, declined or withdrawn by
the person while still open; and a member can leave a group. Each step checks what it needs and raises
RequestError with a Danish message a person can act on."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.log_actions import log

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


def check_can_decide(request):
    if request.status == RequestStatus.WITHDRAWN:
        raise RequestError(_("Personen har selv trukket anmodningen tilbage, så den skal ikke afgøres."))
    if request.status != RequestStatus.PENDING:
        raise RequestError(_("Anmodningen er allerede afgjort."))


def _decide(request, status, by, reason=""):
    # Under a lock, and only while open: the person may have withdrawn the request meanwhile, or a
    # colleague decided it; then the request shows why.
    if not request.decide(status, by, reason):
        check_can_decide(request)


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


def check_can_withdraw(request):
    """Why the request cannot be withdrawn, as an error; nothing while it is open."""
    if request.status == RequestStatus.WITHDRAWN:
        raise RequestError(_("Du har allerede trukket anmodningen tilbage."))
    if request.status == RequestStatus.APPROVED:
        raise RequestError(
            _(
                "Anmodningen er allerede godkendt, så den kan ikke trækkes tilbage. Du kan forlade "
                "%(group)s i stedet."
            )
            % {"group": request.group.name}
        )
    if request.status != RequestStatus.PENDING:
        raise RequestError(_("Anmodningen er allerede afgjort, så den kan ikke trækkes tilbage."))


@transaction.atomic
def withdraw(request, user):
    """The person takes back their own open request. It stays on record as withdrawn, so those who would
    have decided it see what became of it."""
    if request.user_id != user.pk:
        raise RequestError(_("Anmodningen findes ikke, eller den er ikke din."))
    # Read again under a lock, so a decision made at the same moment is not overwritten (nor the reverse).
    request = (
        WorkingGroupRequest.objects.select_for_update().select_related("group__product").get(pk=request.pk)
    )
    check_can_withdraw(request)
    request.status = RequestStatus.WITHDRAWN
    request.decided_at = timezone.now()
    request.decided_by = user
    request.save(update_fields=["status", "decided_at", "decided_by"])
    log(request, "community.workinggrouprequest.withdraw", user=user)
    return request


@transaction.atomic
def leave(group, user):
    """The person gives up their seat in the group. A seat has no history of its own, so the row goes and
    the group's history in the admin records who left; a contact who leaves is no longer the contact,
    and the secretariat decides requests until a new one is chosen."""
    seat = WorkingGroupMember.objects.select_for_update().filter(group=group, user=user).first()
    if seat is None:
        raise RequestError(_("Du er ikke medlem af %(group)s.") % {"group": group.name})
    departed = {
        "name": seat.person_name,
        "organisation": seat.organisation.name if seat.organisation_id else "",
        "role": seat.role,
        "was_contact": group.contact_user_id == user.pk,
    }
    seat.delete()
    if departed["was_contact"]:
        group.contact_user = None
        group.save(update_fields=["contact_user"])
    log(group, "community.workinggroup.leave", user=user, data=departed)
    return departed
