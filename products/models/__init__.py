from .governance import CriterionAssessment, GovernanceCriterion, GovernanceLevel, Rating, Theme
from .joining import JoinKind, JoinRequest, JoinState
from .pages import (
    JoiningAgreement,
    JoiningPrice,
    JoiningStage,
    MunicipalitySize,
    ProductIndexPage,
    ProductPage,
    ProductPageTag,
    ProductStatus,
    ProductSupplier,
    ProductTabPage,
)
from .releases import ProductRelease
from .snippets import ContactPerson, ContactRole, ProductContact

__all__ = [
    "ContactPerson",
    "ContactRole",
    "CriterionAssessment",
    "GovernanceCriterion",
    "GovernanceLevel",
    "JoiningAgreement",
    "JoiningPrice",
    "JoiningStage",
    "JoinKind",
    "JoinRequest",
    "JoinState",
    "MunicipalitySize",
    "ProductContact",
    "ProductIndexPage",
    "ProductPage",
    "ProductPageTag",
    "ProductRelease",
    "ProductStatus",
    "ProductSupplier",
    "ProductTabPage",
    "Rating",
    "Theme",
]
