"""The models of every community domain, re-exported so they are `community.models.<Name>` (the app's
label is `community`, so tables and migrations stay where they are)."""

from .events.models import (
    EventException,
    EventKind,
    EventQuestion,
    QuestionKind,
    Registration,
    RegistrationStatus,
)
from .events.pages import EventIndexPage, EventPage
from .following.models import FollowFrequency, ProductFollow, ProductUpdate, UpdateKind
from .ideas.models import (
    CommentReport,
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
from .joining.models import (
    AgreementTemplate,
    ApplicationPath,
    ApplicationStatus,
    MemberInvitation,
    MembershipApplication,
)
from .joining.pages import JoinPage
from .members.models import (
    Agreement,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    Region,
    approved_organisation,
    awaits_approval,
)
from .news.models import NewsIndexPage, NewsPage, NewsPageTag
from .projects.models import Milestone, MilestoneStatus, Project, ProjectBacker, ProjectState

__all__ = [
    "Milestone",
    "MilestoneStatus",
    "Project",
    "ProjectBacker",
    "ProjectState",
    "EventIndexPage",
    "EventException",
    "EventKind",
    "EventPage",
    "EventQuestion",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "QuestionKind",
    "Registration",
    "RegistrationStatus",
    "AgreementTemplate",
    "ApplicationPath",
    "ApplicationStatus",
    "JoinPage",
    "MemberInvitation",
    "MembershipApplication",
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
    "ProductFollow",
    "ProductUpdate",
    "UpdateKind",
    "MembershipStatus",
    "Organisation",
    "Pledge",
    "PledgeKind",
    "OrganisationKind",
    "Region",
    "approved_organisation",
    "awaits_approval",
]
