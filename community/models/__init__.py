from .applications import (
    AgreementTemplate,
    ApplicationPath,
    ApplicationStatus,
    JoinPage,
    MemberInvitation,
    MembershipApplication,
)
from .members import Membership, MembershipStatus, approved_organisation
from .organisations import Agreement, Organisation, OrganisationKind, Region

__all__ = [
    "AgreementTemplate",
    "ApplicationPath",
    "ApplicationStatus",
    "JoinPage",
    "MemberInvitation",
    "MembershipApplication",
    "Agreement",
    "Membership",
    "MembershipStatus",
    "Organisation",
    "OrganisationKind",
    "Region",
    "approved_organisation",
]
