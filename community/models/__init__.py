from .members import Membership, MembershipStatus, approved_organisation
from .organisations import Agreement, Organisation, OrganisationKind, Region

__all__ = [
    "Agreement",
    "Membership",
    "MembershipStatus",
    "Organisation",
    "OrganisationKind",
    "Region",
    "approved_organisation",
]
