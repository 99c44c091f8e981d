from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.i18n import with_localized_versions
from home.navigation import default_locale, section_url

from .admin_forms import MembershipAdminForm
from .ideas.admin import CommentAdminForm, IdeaAdminForm, IdeaEditView, IdeaLogPanel, ModerationQueueViewSet
from .joining import admin as joining_admin  # noqa: F401  (registers the application queue)
from .models import (
    EventIndexPage,
    EventPage,
    Idea,
    IdeaArea,
    IdeaComment,
    IdeaState,
    Membership,
    NewsIndexPage,
    NewsPage,
    Organisation,
    Pledge,
    Registration,
    approved_organisation,
    awaits_approval,
)


class MembershipPermissionPolicy(ModelPermissionPolicy):
    """Member accounts start at signup, where the person proves their address; the secretariat decides
    on them but does not create them by hand (there is no password or address to set here)."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Membership, MembershipPermissionPolicy(Membership))
SECTION_SIZE = 3


@hooks.register("site_search_querysets")
def ideas_in_site_search():
    """Ideas are found by site search too: those every visitor may see (submitted and not hidden)."""
    return Idea.objects.public()


@hooks.register("home_page_counts")
def member_counts(request):
    return [
        {
            "number": Organisation.objects.public_members().count(),
            "label": _("offentlige medlemmer"),
            "order": 10,
        },
        {
            "number": Organisation.objects.supplier_partners().count(),
            "label": _("leverandørpartnere"),
            "order": 20,
        },
    ]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = gettext_lazy("Organisationer")
    list_display = ["name", "kind", "region", "member_since", "is_member"]
    list_filter = ["kind", "region", "is_member"]
    search_fields = ["name", "description"]
    list_export = [
        "name",
        "kind",
        "region",
        "cvr",
        "ean",
        "website",
        "member_since",
        "is_member",
        "contact_name",
        "contact_email",
    ]
    export_filename = "organisationer"
    copy_view_enabled = False


class MembershipViewSet(SnippetViewSet):
    """Where the secretariat approves or rejects the people who ask to act for an organisation."""

    model = Membership
    icon = "user"
    menu_label = gettext_lazy("Medlemskonti")
    list_display = [
        "person",
        "organisation",
        "job_title",
        BooleanColumn("email_verified", label=gettext_lazy("E-mail bekræftet")),
        "status",
        "requested_at",
        "decided_at",
    ]
    list_filter = ["status", "organisation__kind"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "organisation__name"]
    list_export = [
        "person",
        "organisation",
        "job_title",
        "status",
        "requested_at",
        "decided_at",
        "decided_by",
    ]
    export_filename = "medlemskonti"

    def get_queryset(self, request):
        return Membership.objects.select_related("user", "organisation", "decided_by").prefetch_related(
            "user__emailaddress_set"
        )

    ordering = ["status", "-requested_at"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("user", read_only=True), FieldPanel("organisation"), FieldPanel("job_title")],
                heading=gettext_lazy("Person"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel(
                        "status",
                        help_text=gettext_lazy(
                            "Vælg Godkendt eller Afvist og gem. Personen får en e-mail om afgørelsen."
                        ),
                    ),
                    FieldPanel(
                        "rejection_reason",
                        help_text=gettext_lazy(
                            "Skal udfyldes ved afvisning. Personen får begrundelsen at se."
                        ),
                    ),
                    FieldPanel("decided_at", read_only=True),
                    FieldPanel("decided_by", read_only=True),
                ],
                heading=gettext_lazy("Afgørelse"),
            ),
        ],
        base_form_class=MembershipAdminForm,
    )


class MembersGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Medlemmer")
    menu_icon = "group"
    menu_order = 250
    items = (MembershipViewSet, OrganisationViewSet)


register_snippet(MembersGroup)


class IdeaViewSet(SnippetViewSet):
    model = Idea
    icon = "bulb"
    menu_label = gettext_lazy("Idéer")
    list_display = ["title", "organisation", "state", "submitted_at", "is_hidden"]
    list_filter = ["state", "is_hidden", "area"]
    edit_view_class = IdeaEditView
    # Searched through the idea's search index (all its indexed texts), on every backend.
    ordering = ["-submitted_at"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("state", widget=forms.Select), FieldPanel("reason"), FieldPanel("is_hidden")],
                heading=gettext_lazy("Afgørelse"),
            ),
            MultiFieldPanel(
                [FieldPanel("merged_into"), FieldPanel("became_product")],
                heading=gettext_lazy("Sammenlægning og produkt"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("title"),
                    FieldPanel("organisation"),
                    FieldPanel("area", widget=forms.Select),
                    FieldPanel("need"),
                    FieldPanel("benefit"),
                    FieldPanel("shared_with"),
                ],
                heading=gettext_lazy("Idéen"),
            ),
            IdeaLogPanel(heading=gettext_lazy("Log og opbakning")),
        ],
        base_form_class=IdeaAdminForm,
    )

    def get_queryset(self, request):
        # Drafts belong to their writer until submitted.
        return Idea.objects.submitted().select_related("organisation", "state")


class IdeaStateViewSet(SnippetViewSet):
    model = IdeaState
    icon = "list-ol"
    menu_label = gettext_lazy("Tilstande")
    list_display = ["name", "order", "is_open_for_support", "is_final", "requires_reason"]
    ordering = ["order"]


class IdeaAreaViewSet(SnippetViewSet):
    model = IdeaArea
    icon = "tag"
    menu_label = gettext_lazy("Produktområder")
    list_display = ["name", "order"]
    ordering = ["order"]


class IdeaCommentViewSet(SnippetViewSet):
    model = IdeaComment
    icon = "comment"
    menu_label = gettext_lazy("Kommentarer")
    list_display = ["__str__", "idea", "created_at", "is_hidden"]
    list_filter = ["is_hidden"]
    search_fields = ["body"]
    ordering = ["-created_at"]
    edit_handler = ObjectList(
        [FieldPanel("is_hidden"), FieldPanel("reason"), FieldPanel("body")], base_form_class=CommentAdminForm
    )


class PledgeViewSet(SnippetViewSet):
    model = Pledge
    icon = "thumbtack"
    menu_label = gettext_lazy("Tilsagn")
    list_display = ["organisation", "idea", "kind", "amount", "created_at"]
    list_filter = ["kind"]
    ordering = ["-created_at"]
    panels = [FieldPanel("kind"), FieldPanel("amount"), FieldPanel("note")]


class IdeasGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Idéer")
    menu_icon = "bulb"
    menu_order = 260
    items = (
        ModerationQueueViewSet,
        IdeaViewSet,
        IdeaCommentViewSet,
        PledgeViewSet,
        IdeaStateViewSet,
        IdeaAreaViewSet,
    )


register_snippet(IdeasGroup)


@hooks.register("home_page_sections")
def ideas_open_for_support(request):
    ideas = (
        Idea.objects.public()
        .open_for_support()
        .with_support()
        .select_related("organisation", "state")
        .order_by("-submitted_at")[:3]
    )
    return [
        {
            "heading": _("Idéer, der søger opbakning"),
            "items": [
                {
                    "heading": idea.title,
                    "url": idea.get_absolute_url(),
                    "text": _idea_support_text(idea),
                    "meta": idea.organisation.name,
                }
                for idea in ideas
            ],
            "more_url": reverse("idea_list"),
            "more_label": _("Se alle idéer"),
            "order": 30,
        }
    ]


def _idea_support_text(idea):
    text = ngettext(
        "%(count)d organisation bakker op", "%(count)d organisationer bakker op", idea.support_count
    ) % {"count": idea.support_count}
    if idea.support_amount:
        text += " · " + _("%(amount)s kr. lovet") % {"amount": intcomma(idea.support_amount)}
    return text


@hooks.register("product_page_sections")
def ideas_behind_product(request, product_page):
    """The ideas a product grew from, for the product page to link back to."""
    ideas = (
        Idea.objects.public()
        .filter(became_product=product_page)
        .with_support()
        .select_related("organisation", "state")
        .order_by("submitted_at")
    )
    items = [
        {
            "heading": idea.title,
            "url": idea.get_absolute_url(),
            "text": _idea_support_text(idea),
            "meta": idea.organisation.name,
        }
        for idea in ideas
    ]
    if not items:
        return []
    return [
        {
            "heading": _("Idéen bag produktet"),
            "items": items,
            "more_url": reverse("idea_list"),
            "more_label": _("Se alle idéer"),
            "order": 80,
        }
    ]


def event_items(events, request=None):
    # With the request, Wagtail keeps the sites' root paths on it instead of asking the cache per link.
    # A translated event is shown by its translation's title and address, found for all in one query.
    return [
        {
            "heading": event.localized_version.title,
            "url": event.localized_version.get_url(request),
            "text": event.where(),
            "meta": f"{event.get_kind_display()} · {event.short_when()}",
        }
        for event in with_localized_versions(events)
    ]


def news_items(articles, request=None):
    return [
        {
            "heading": article.localized_version.title,
            "url": article.localized_version.get_url(request),
            "text": article.localized_version.introduction,
            "meta": article.date.strftime("%d.%m.%Y"),
        }
        for article in with_localized_versions(articles)
    ]


# The Danish pages: a translation is shown in place of its Danish page, not beside it.
def upcoming_events(product=None):
    events = EventPage.objects.live().public().filter(cancelled=False, locale=default_locale())
    if product is not None:
        events = events.filter(related_products=product)
    return events.soonest_first(timezone.now())


def latest_news():
    return NewsPage.objects.live().public().filter(locale=default_locale()).order_by("-date", "-pk")


@hooks.register("home_page_sections")
def next_events_and_latest_news(request):
    events_url = section_url(request, EventIndexPage)
    news_url = section_url(request, NewsIndexPage)
    return [
        {
            "heading": _("Kommende arrangementer"),
            "items": event_items(upcoming_events()[:SECTION_SIZE], request),
            "more_url": events_url,
            "more_label": _("Se alle arrangementer"),
            "order": 20,
        },
        {
            "heading": _("Nyheder"),
            "items": news_items(latest_news()[:SECTION_SIZE], request),
            "more_url": news_url,
            "more_label": _("Se alle nyheder"),
            "order": 30,
        },
    ]


@hooks.register("product_page_sections")
def product_events_and_news(request, product_page):
    """The product's upcoming events and latest news, for its product page."""
    events_url = section_url(request, EventIndexPage)
    news_url = section_url(request, NewsIndexPage)
    return [
        {
            "heading": _("Kommende arrangementer om %(product)s") % {"product": product_page.title},
            "items": event_items(upcoming_events(product_page)[:SECTION_SIZE], request),
            "more_url": f"{events_url}?produkt={product_page.slug}" if events_url else None,
            "more_label": _("Alle arrangementer om %(product)s") % {"product": product_page.title},
            "order": 40,
        },
        {
            "heading": _("Nyheder om %(product)s") % {"product": product_page.title},
            "items": news_items(latest_news().filter(related_products=product_page)[:SECTION_SIZE], request),
            "more_url": f"{news_url}?produkt={product_page.slug}" if news_url else None,
            "more_label": _("Alle nyheder om %(product)s") % {"product": product_page.title},
            "order": 50,
        },
    ]


class RegistrationViewSet(SnippetViewSet):
    """Sign-ups for the organisers: filter by event, search, export as CSV or Excel. Status changes go
    through the sign-up and cancel links so the waitlist moves up; here the status is read only."""

    model = Registration
    icon = "group"
    menu_label = gettext_lazy("Tilmeldinger")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "email", "event", "status", "created_at"]
    list_filter = {"event": ["exact"], "status": ["exact"]}
    list_export = [
        "event",
        "name",
        "email",
        "get_status_display",
        "created_at",
        "cancelled_at",
        "answers_text",
    ]
    export_headings = {
        "event": gettext_lazy("Arrangement"),
        "name": gettext_lazy("Navn"),
        "email": gettext_lazy("E-mail"),
        "get_status_display": gettext_lazy("Status"),
        "created_at": gettext_lazy("Tilmeldt"),
        "cancelled_at": gettext_lazy("Afmeldt"),
        "answers_text": gettext_lazy("Svar"),
    }
    export_filename = "tilmeldinger"
    search_fields = ["name", "email"]
    search_backend_name = None
    ordering = ["event", "created_at"]
    panels = [
        FieldPanel("event", read_only=True),
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("status", read_only=True),
        FieldPanel("answers", read_only=True),
    ]


register_snippet(RegistrationViewSet)


@hooks.register("register_page_listing_more_buttons")
def registrations_button(page, user, next_url=None):
    """From an event in the page tree straight to its sign-ups."""
    if page.specific_class is EventPage and user.has_perm("community.view_registration"):
        url = reverse("wagtailsnippets_community_registration:list") + f"?event={page.pk}"
        yield Button(_("Tilmeldinger"), url=url, icon_name="group", priority=50)


@hooks.register("before_serve_page")
def members_only_pages(page, request, serve_args, serve_kwargs):
    """A page Wagtail restricts to "logged-in users" is for approved members of a member organisation
    and for the site's editors, not for any account: a new, unapproved sign-up is told it awaits
    approval. (Wagtail's own hook sends visitors who are not logged in to the login page.)"""
    from wagtail.models import PageViewRestriction

    from os2site.middleware import has_admin_access

    user = request.user
    if not user.is_authenticated or approved_organisation(user) or has_admin_access(user):
        return None
    if not any(r.restriction_type == PageViewRestriction.LOGIN for r in page.get_view_restrictions()):
        return None
    return TemplateResponse(
        request, "community/members_only.html", {"awaits_approval": awaits_approval(user)}, status=403
    )
