from .ideas import (
    CommentReport,
    FollowFrequency,
    Idea,
    IdeaArea,
    IdeaAttachment,
    IdeaComment,
    IdeaFollow,
    IdeaLogEntry,
    IdeaState,
    LogKind,
    Pledge,
    PledgeKind,
)
from .members import Membership, MembershipStatus, approved_organisation
from .organisations import Agreement, Organisation, OrganisationKind, Region

__all__ = [
    "Agreement",
    "CommentReport",
    "FollowFrequency",
    "Idea",
    "IdeaArea",
    "IdeaAttachment",
    "IdeaComment",
    "IdeaFollow",
    "IdeaLogEntry",
    "IdeaState",
    "LogKind",
    "Membership",
    "MembershipStatus",
    "Organisation",
    "Pledge",
    "PledgeKind",
    "OrganisationKind",
    "Region",
    "approved_organisation",
]
