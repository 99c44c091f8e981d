"""The products app's models, in the modules of their parts: the page models (`pages`), what a product
page holds besides its text (`relations`), the governance criteria and assessments (`criteria`), the
contact people (`contacts`), the releases (`releases`) and the requests to join (`join_requests`). Import them from here; the parts import one
another only downwards, so the views and the catalogue can use `relations` and `criteria` while the pages
use the views."""

from .contacts import ContactPerson, ContactRole, ProductContact
from .criteria import CriterionAssessment, GovernanceCriterion, GovernanceLevel, Rating, Theme
from .join_requests import JoinKind, JoinRequest, JoinState
from .pages import ProductIndexPage, ProductPage, ProductTabPage
from .relations import (
    JoiningAgreement,
    JoiningPrice,
    JoiningStage,
    MunicipalitySize,
    ProductPageTag,
    ProductStatus,
    ProductSupplier,
)
from .releases import ProductRelease

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
