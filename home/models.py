from django.conf import settings
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from . import seo
from .blocks import BodyBlock
from .i18n import localized_path
from .locales import active_locale, default_locale, may_be_restricted


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """What the footer and contact links show; edited by the secretariat, never typed into templates."""

    organisation_name = models.CharField(
        _("organisationens navn"),
        max_length=200,
        default="OS2 – Offentligt Digitaliseringsfællesskab",
        help_text=_("Foreningens navn, vist i sidefoden og i mails."),
    )
    address = models.TextField(_("adresse"), blank=True, help_text=_("Én linje pr. adresselinje."))
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Sekretariatets e-mail, vist i sidefoden.")
    )
    phone = models.CharField(
        _("telefon"),
        max_length=40,
        blank=True,
        help_text=_("Sekretariatets telefonnummer, vist i sidefoden."),
    )
    cvr = models.CharField(
        _("CVR-nummer"), max_length=8, blank=True, help_text=_("OS2's CVR-nummer, vist i sidefoden.")
    )
    github_url = models.URLField(
        _("GitHub"), blank=True, help_text=_("Adressen på OS2's side på GitHub, vist i sidefoden.")
    )
    linkedin_url = models.URLField(
        _("LinkedIn"), blank=True, help_text=_("Adressen på OS2's side på LinkedIn, vist i sidefoden.")
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("tilgængelighedserklæring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Siden med tilgængelighedserklæringen; linket vises i sidefoden."),
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("email"), FieldPanel("phone"), FieldPanel("cvr")],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [FieldPanel("github_url"), FieldPanel("linkedin_url"), FieldPanel("accessibility_page")],
            heading=_("Links"),
        ),
    ]

    # Every page's footer links the accessibility statement: read with the settings, not one query after.
    select_related = ["accessibility_page"]

    class Meta:
        verbose_name = _("webstedsindstillinger")

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]


class BodyPage(Page):
    """A page with an introduction and a StreamField body; the base of every content page type."""

    introduction = models.TextField(
        _("indledning"),
        blank=True,
        help_text=_("Et par sætninger øverst på siden; de vises også i lister og søgeresultater."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("indhold"),
        blank=True,
        help_text=_("Sidens indhold i blokke: tekst, billeder, citater, knapper og mere."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail asks on every page served (two queries); where the private sections are is known
        without a query (home.locales), and on most pages none can apply."""
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def table_of_contents(self):
        """The page's headings as (anchor, text, level), for an 'On this page' list."""
        return [
            (heading_anchor(block.value["text"]), block.value["text"], block.value["level"])
            for block in self.body
            if block.block_type == "heading"
        ]


class SectionIndexPage(BodyPage):
    """A section's index page (the catalogue, events, news): one per content language, the Danish page
    and its translations. Its listing shows the pages below the Danish one, which are not translated."""

    parent_page_types = ["home.HomePage"]

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        """Wagtail's max_count counts every language; this allows one per language. (Translating the page
        does not ask: it copies the page into the other language's tree.)"""
        return super().can_create_at(parent) and not cls.objects.filter(locale_id=parent.locale_id).exists()

    @classmethod
    def in_active_language(cls):
        """The live index page in the visitor's language, else the default language's (None if neither)."""
        active, default = active_locale(), default_locale()
        pages = {page.locale_id: page for page in cls.objects.live().filter(locale__in={active, default})}
        return pages.get(active.pk) or pages.get(default.pk)

    @classmethod
    def in_default_language(cls):
        return cls.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()

    @cached_property
    def listing_root(self):
        """The page whose descendants this page lists: the default language's version of it."""
        default = default_locale()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self


def heading_anchor(text):
    return slugify(text) or "afsnit"


class HomePage(BodyPage):
    """The front page: an introduction and what is happening in OS2 now."""

    hero_heading = models.CharField(
        _("hovedoverskrift"),
        max_length=200,
        blank=True,
        help_text=_("Den store overskrift øverst på forsiden."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    # One front page per content language: the Danish one and its translations.
    max_count = len(settings.WAGTAIL_CONTENT_LANGUAGES)

    class Meta:
        verbose_name = _("forside")
        verbose_name_plural = _("forsider")

    def route(self, request, path_components):
        """A translated front page serves its own pages; a path it lacks falls back to the Danish
        page at that path, so /en/produkter/ shows the catalogue with the English interface until
        an editor translates it."""
        try:
            return super().route(request, path_components)
        except Http404:
            default_home = self.get_default_locale_home()
            if not path_components or default_home is None or default_home.pk == self.pk:
                raise
            return default_home.route(request, path_components)

    @property
    def localized(self):
        """Wagtail routes every request from the site's front page in the active language. When that is
        this page's own language, it is this page: said without asking the database for the active
        locale."""
        if self.locale_id == active_locale().pk:
            return self
        return super().localized

    def get_default_locale_home(self):
        default = default_locale()
        if self.locale_id == default.pk:
            return self
        translation = self.get_translation_or_none(default)
        return translation.specific if translation else None

    def structured_data(self, request):
        """The site and the association behind it, for search engines."""
        site_settings = SiteSettings.load(request_or_site=request)
        home = request.build_absolute_uri("/")
        website = {
            "@type": "WebSite",
            "@id": home + "#website",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": home,
            "inLanguage": "da",
            "publisher": {"@id": home + "#organisation"},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": request.build_absolute_uri(reverse("search")) + "?q={search_term_string}",
                },
                "query-input": "required name=search_term_string",
            },
        }
        return {
            "@context": "https://schema.org",
            "@graph": [website, seo.site_organisation(request, site_settings)],
        }

    def counts_and_sections(self, request):
        """Each module adds its live counts and sections through the hooks `home_page_counts` and
        `home_page_sections`; a module that does not exist yet simply adds nothing. The template asks
        for them through the `home_sections` tag, which keeps them as a shared part of the page."""
        counts = [count for hook in hooks.get_hooks("home_page_counts") for count in hook(request)]
        sections = [section for hook in hooks.get_hooks("home_page_sections") for section in hook(request)]
        return {
            "counts": sorted(counts, key=lambda count: count.get("order", 0)),
            "sections": sorted(
                (with_localized_items(section) for section in sections if section.get("items")),
                key=lambda s: s.get("order", 0),
            ),
        }


def with_localized_items(section):
    """A home page section whose item links keep a visitor of a translated front page in its language:
    a Danish page's `get_url()` is its Danish address. The "see all" link needs no such step, since
    `section_url` and `reverse()` already give the active language's address."""
    return {
        **section,
        "items": [{**item, "url": localized_path(item.get("url"))} for item in section["items"]],
    }


class ContentPage(BodyPage):
    """A generic page: Om OS2, membership, the governance model, agreements."""

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("indholdsside")
        verbose_name_plural = _("indholdssider")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.get_children().live().public().specific().order_by("path")
        return context
