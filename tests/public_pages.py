"""Every public page type, once each, for the sweeps that check them all (HTML validation, axe,
320 px phones, screenshots).

A path is a string, or a function of the demo data for pages whose address depends on it. `language`
is the site language the page is visited in: another language's pages are the same list with the
language set, served under `/<language>/` (see `in_language`), or at their translation's address where
the page is translated (its Danish path there redirects to it)."""

import dataclasses
from collections.abc import Callable

from django.utils import translation


@dataclasses.dataclass(frozen=True)
class PublicPage:
    name: str
    path: str | Callable[[], str]
    # Visited by an approved member of a member organisation (pages only members may use).
    member: bool = False
    status: int = 200
    language: str = "da"

    def url_path(self):
        # The Danish address first, whichever language the last request left active.
        with translation.override("da"):
            path = self.path() if callable(self.path) else self.path
        return path if self.language == "da" else translated_path(path, self.language)

    @property
    def id(self):
        return self.name if self.language == "da" else f"{self.name}-{self.language}"


def translated_path(path, language):
    """The address of the Danish page at `path` in another language: its translation's, if it has a
    published one, else the same path under /<language>/."""
    from wagtail.models import Page, Site

    root = Site.objects.get(is_default_site=True).root_page
    page = Page.objects.filter(url_path=root.url_path + path.lstrip("/"), path__startswith=root.path).first()
    translation = page and page.get_translations().live().filter(locale__language_code=language).first()
    return translation.url if translation else f"/{language}{path}"


def _organisation():
    from community.models import Organisation

    return Organisation.objects.filter(is_member=True).order_by("name").first().get_absolute_url()


def _idea():
    from community.models import Idea

    return Idea.objects.public().order_by("pk").first().get_absolute_url()


def _project():
    from community.models import Project

    return Project.objects.live().order_by("-started_on").first().get_absolute_url()


def _event():
    from community.models import EventPage

    return EventPage.objects.live().public().filter(registration_open=True).order_by("-start").first().url


def _news_article():
    from community.models import NewsPage

    return NewsPage.objects.live().public().order_by("-date", "pk").first().url


def _organisation_in_working_groups():
    from community.models import WorkingGroupMember

    seat = WorkingGroupMember.objects.filter(organisation__isnull=False).order_by("pk").first()
    return seat.organisation.get_absolute_url()


def _working_group_request():
    """The request form of a group the approved member (see approved_member) is not in nor waiting for."""
    from community.models import WorkingGroup
    from community.workinggroups.services import RequestError, check_can_request

    user = approved_member()
    for group in WorkingGroup.objects.order_by("pk"):
        try:
            check_can_request(group, user)
        except RequestError:
            continue
        return f"/arbejdsgrupper/{group.pk}/anmod/"
    raise LookupError("no working group the member may ask to join")


def _working_group_leave():
    """The question before the approved member leaves a group they sit in."""
    from community.models import WorkingGroupMember

    seat = WorkingGroupMember.objects.filter(user=approved_member()).order_by("pk").first()
    return f"/arbejdsgrupper/{seat.group_id}/forlad/"


def _working_group_withdraw():
    """The question before the approved member withdraws their open request to join a group."""
    from community.models import RequestStatus, WorkingGroupRequest

    open_request = (
        WorkingGroupRequest.objects.filter(user=approved_member(), status=RequestStatus.PENDING)
        .order_by("pk")
        .first()
    )
    return f"/arbejdsgrupper/anmodninger/{open_request.pk}/traek-tilbage/"


def _product_to_join():
    """A product in operation the approved member's organisation neither uses nor has asked to join, so
    its page shows that member the price and the form."""
    from products.models import ProductPage

    organisation = approved_member().affiliation.organisation
    return (
        ProductPage.objects.live()
        .filter(status="produkt", prices__isnull=False)
        .exclude(joining_agreements__organisation=organisation)
        .exclude(join_requests__organisation=organisation)
        .distinct()
        .order_by("title")
        .first()
        .url
    )


PUBLIC_PAGES = [
    PublicPage("home", "/"),
    PublicPage("content-page", "/om-os2/"),
    PublicPage("accessibility-statement", "/tilgaengelighed/"),
    PublicPage("product-catalogue", "/produkter/"),
    PublicPage("product-page", "/produkter/os2mo/"),
    PublicPage("product-tab", "/produkter/os2mo/om/"),
    PublicPage("product-governance-tab", "/produkter/os2mo/governance/"),
    PublicPage("product-working-groups-tab", "/produkter/os2mo/arbejdsgrupper/"),
    PublicPage("working-group-request", _working_group_request, member=True),
    PublicPage("working-group-leave", _working_group_leave, member=True),
    PublicPage("working-group-withdraw", _working_group_withdraw, member=True),
    PublicPage("product-join-form", _product_to_join, member=True),
    PublicPage("member-directory", "/medlemmer/"),
    PublicPage("organisation-profile", _organisation),
    PublicPage("organisation-profile-working-groups", _organisation_in_working_groups),
    PublicPage("idea-list", "/ideer/"),
    PublicPage("idea-page", _idea),
    PublicPage("idea-submit", "/ideer/ny/", member=True),
    PublicPage("project-list", "/projekter/"),
    PublicPage("project-page", _project),
    PublicPage("event-list", "/arrangementer/"),
    PublicPage("event-page", _event),
    PublicPage("event-sign-up", lambda: _event() + "tilmeld/"),
    PublicPage("news-list", "/nyheder/"),
    PublicPage("news-article", _news_article),
    PublicPage("search-results", "/soeg/?q=OS2mo"),
    PublicPage("search-no-results", "/soeg/?q=zzqqxxvv"),
    PublicPage("join", "/bliv-medlem/"),
    PublicPage("login", "/konto/login/"),
    PublicPage("signup", "/konto/signup/"),
    PublicPage("not-found", "/findes-ikke/", status=404),
]


def in_language(pages, language):
    return [dataclasses.replace(page, language=language) for page in pages]


# Every page type in Danish and in English (under /en/).
PUBLIC_PAGES_IN_EVERY_LANGUAGE = PUBLIC_PAGES + in_language(PUBLIC_PAGES, "en")


def approved_member():
    from community.models import Affiliation, AffiliationStatus

    return (
        Affiliation.objects.filter(status=AffiliationStatus.APPROVED, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )
