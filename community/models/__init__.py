from .organisations import Agreement, Organisation, OrganisationKind, Region

__all__ = ["Agreement", "Organisation", "OrganisationKind", "Region"]
