from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .blocks import BodyBlock


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """What the footer and contact links show; edited by the secretariat, never typed into templates."""

    organisation_name = models.CharField(
        _("organisationens navn"), max_length=200, default="OS2 – Offentligt Digitaliseringsfællesskab"
    )
    address = models.TextField(_("adresse"), blank=True, help_text=_("Én linje pr. adresselinje."))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    cvr = models.CharField(_("CVR-nummer"), max_length=8, blank=True)
    github_url = models.URLField(_("GitHub"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("tilgængelighedserklæring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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

    class Meta:
        verbose_name = _("webstedsindstillinger")

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]


class BodyPage(Page):
    """A page with an introduction and a StreamField body; the base of every content page type."""

    introduction = models.TextField(_("indledning"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("indhold"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail asks on every request; the cached navigation usually knows there are none."""
        from .navigation import may_be_restricted

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


def heading_anchor(text):
    return slugify(text) or "afsnit"


class HomePage(BodyPage):
    """The front page: an introduction and what is happening in OS2 now."""

    hero_heading = models.CharField(_("hovedoverskrift"), max_length=200, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("forside")

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        from .routing import route

        return route(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        """Each module adds its live counts and sections through the hooks `home_page_counts` and
        `home_page_sections`; a module that does not exist yet simply adds nothing."""
        context = super().get_context(request, *args, **kwargs)
        counts = [count for hook in hooks.get_hooks("home_page_counts") for count in hook(request)]
        sections = [section for hook in hooks.get_hooks("home_page_sections") for section in hook(request)]
        context["counts"] = sorted(counts, key=lambda count: count.get("order", 0))
        context["sections"] = sorted(
            (section for section in sections if section.get("items")), key=lambda s: s.get("order", 0)
        )
        return context


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
