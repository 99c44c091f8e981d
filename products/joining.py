"""What a product page offers a visitor about joining the product: the price for their organisation, the
agreement to sign, and whether they may send a request now, or why not (in words the page shows)."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from community.joining.models import AgreementTemplate
from community.members.models import approved_organisation, awaits_approval

from .join_requests import JoinKind, JoinRequest, kind_for
from .relations import JoiningAgreement, JoiningPrice, JoiningStage


@dataclass
class JoinOffer:
    kind: str
    organisation: object = None
    # The organisation's price (None where the product has no price for its band and membership).
    price: JoiningPrice = None
    # Why the visitor cannot send a request now, or "" when they can.
    problem: str = ""
    # Anonymous: invited to log in. Not a member: shown the non-member price and how to join OS2.
    anonymous: bool = False
    non_member: bool = False
    non_member_prices: list = field(default_factory=list)

    @property
    def may_request(self):
        return not (self.problem or self.anonymous or self.non_member)


def offer_for(product, user):
    """The join offer of `product` to `user`, or None for a retired product (which takes no one new)."""
    kind = kind_for(product)
    if kind is None:
        return None
    if not user.is_authenticated:
        return JoinOffer(kind=kind, anonymous=True)
    organisation = approved_organisation(user)
    if organisation is None:
        if awaits_approval(user):
            return JoinOffer(
                kind=kind,
                problem=_(
                    "Din medlemskonto afventer sekretariatets godkendelse. Når den er godkendt, kan du "
                    "sende en anmodning på vegne af din organisation."
                ),
            )
        # Signed in without a member organisation: what it would cost without membership.
        affiliation = getattr(user, "affiliation", None)
        own = affiliation.organisation if affiliation and affiliation.is_approved else None
        prices = product.prices.filter(member=False)
        if own and own.municipality_size:
            prices = prices.filter(size=own.municipality_size)
        return JoinOffer(kind=kind, organisation=own, non_member=True, non_member_prices=list(prices))
    offer = JoinOffer(kind=kind, organisation=organisation)
    has_prices = product.prices.exists()
    if organisation.municipality_size:
        offer.price = product.prices.filter(size=organisation.municipality_size, member=True).first()
    offer.problem = problem_for(product, organisation, kind, has_prices)
    return offer


def problem_for(product, organisation, kind, has_prices):
    """Why `organisation` cannot ask for `kind` of `product` now, or ""."""
    if has_prices and not organisation.municipality_size:
        return _(
            "Prisen afhænger af kommunestørrelsen, og sekretariatet har endnu ikke registreret "
            "%(organisation)s' størrelse. Skriv til sekretariatet, så sætter de den, og prøv så igen."
        ) % {"organisation": organisation.name}
    open_request = JoinRequest.objects.open().filter(product=product, organisation=organisation).first()
    if open_request:
        return _(
            "%(organisation)s har allerede sendt en anmodning den %(date)s, som afventer behandling."
        ) % {
            "organisation": organisation.name,
            "date": date_format(timezone.localtime(open_request.requested_at), "j. F Y"),
        }
    stage = (
        JoiningAgreement.objects.filter(product=product, organisation=organisation)
        .values_list("stage", flat=True)
        .first()
    )
    if stage == JoiningStage.TILSLUTTET:
        return _("%(organisation)s bruger allerede %(product)s.") % {
            "organisation": organisation.name,
            "product": product.title,
        }
    if stage == JoiningStage.TILSAGN and kind == JoinKind.TILSAGN:
        return _("%(organisation)s har allerede givet tilsagn til %(product)s.") % {
            "organisation": organisation.name,
            "product": product.title,
        }
    return ""


def agreement_template():
    """The joining agreement the organisation signs (maintained by the secretariat with the others)."""
    return (
        AgreementTemplate.objects.filter(kind=AgreementTemplate.Kind.TILSLUTNINGSAFTALE)
        .select_related("document")
        .first()
    )
