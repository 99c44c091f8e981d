from .events import (
    EventException,
    EventIndexPage,
    EventKind,
    EventPage,
    EventQuestion,
    QuestionKind,
    Registration,
    RegistrationStatus,
)
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .organisations import Agreement, Organisation, OrganisationKind, Region

__all__ = [
    "Agreement",
    "EventIndexPage",
    "EventException",
    "EventKind",
    "EventPage",
    "EventQuestion",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "Organisation",
    "OrganisationKind",
    "QuestionKind",
    "Region",
    "Registration",
    "RegistrationStatus",
]
