"""The product catalogue's pages: the catalogue, each product and its wiki tabs. What the pages do with a
request is in `views`; who uses and supplies a product is in `relations`."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home import seo
from home.locales import public_pages
from home.models import BodyPage, SectionIndexPage
from search import words

from . import publiccode_standard as standard
from . import views
from .page_permissions import ProductPermissionTester, ProductTabPermissionTester
from .relations import ProductPageTag, ProductStatus

# Sub-paths of a product page that are not tabs; a tab may not take their slug.
RESERVED_TAB_SLUGS = {"governance", "tilslut"}


class ProductIndexPage(SectionIndexPage):
    """The catalogue (`/produkter/`)."""

    subpage_types = ["products.ProductPage"]

    class Meta:
        verbose_name = _("produktkatalog")
        verbose_name_plural = _("produktkataloger")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = views.catalogue(request, self)
        return context

    def products(self):
        """The products under this catalogue that a visitor may see."""
        return ProductPage.objects.child_of(self).visible_to_public()

    def route(self, request, path_components):
        """Wagtail's routing, with the product read in its own type together with its logo (which the
        header and the link preview show) in one query, where Wagtail reads the page, then its type,
        then the logo. Anything else below the catalogue is routed by Wagtail."""
        if path_components:
            product = (
                ProductPage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("logo")
                .first()
            )
            if product is not None:
                # As Wagtail's routing does: the product's parent is this page, without a query.
                product._cached_parent_obj = self
                return product.route(request, path_components[1:])
        return super().route(request, path_components)


SOFTWARE_TYPE_CHOICES = [
    ("standalone/web", _("Webapplikation")),
    ("standalone/backend", _("Backend-tjeneste")),
    ("standalone/desktop", _("Skrivebordsprogram")),
    ("standalone/mobile", _("Mobilapp")),
    ("standalone/iot", _("IoT")),
    ("standalone/other", _("Anden selvstændig software")),
    ("addon", _("Tilføjelse til anden software")),
    ("library", _("Bibliotek")),
    ("configurationFiles", _("Konfigurationsfiler")),
]


class ProductPageQuerySet(PageQuerySet):
    def visible_to_public(self):
        """The products an anonymous visitor may open: published and without a view restriction (login,
        password or group) on the product or a page above it. Everything that lists or counts products
        for visitors (directory, profiles, catalogue, front page, feeds, publiccode, the API) asks this."""
        return self.live().public()


class ProductPage(RoutablePageMixin, BodyPage):
    """One OS2 product. Its wiki tabs are child pages; its governance tab and publiccode.yml are computed."""

    tagline = models.CharField(
        _("kort beskrivelse"),
        max_length=150,
        help_text=_("Én sætning om, hvad produktet gør; vises på produktkortet."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProductStatus.choices,
        default=ProductStatus.PROJEKT,
        help_text=_("Hvor produktet er i sit liv; bruges til filtre i produktkataloget."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Produktets logo, vist på produktkortet og produktets side."),
    )
    tags = ClusterTaggableManager(through=ProductPageTag, blank=True, verbose_name=_("emner"))
    repository_url = models.URLField(
        _("kodearkiv"), blank=True, help_text=_("Link til produktets kildekode, fx på GitHub.")
    )
    documentation_url = models.URLField(
        _("dokumentation"), blank=True, help_text=_("Link til produktets dokumentation.")
    )
    roadmap_url = models.URLField(
        _("roadmap"), blank=True, help_text=_("Link til produktets plan for de kommende versioner.")
    )
    licence = models.CharField(
        _("licens"), max_length=60, blank=True, help_text=_("SPDX-betegnelse, f.eks. MPL-2.0 eller EUPL-1.2.")
    )
    features = models.TextField(
        _("funktioner"), blank=True, help_text=_("Én funktion pr. linje; bruges i publiccode.yml.")
    )
    categories = models.CharField(
        _("publiccode.yml-kategorier"),
        max_length=300,
        blank=True,
        help_text=_(
            "Kategorier fra publiccode.yml-standarden, adskilt af mellemrum, f.eks. hr identity-management."
        ),
    )
    tagline_en = models.CharField(
        _("kort beskrivelse på engelsk"),
        max_length=150,
        blank=True,
        help_text=_("Den korte beskrivelse på engelsk. Tom: den danske vises."),
    )
    introduction_en = models.TextField(
        _("indledning på engelsk"),
        blank=True,
        help_text=_("Indledningen på engelsk til den engelske side. Tom: den danske vises."),
    )
    features_en = models.TextField(
        _("funktioner på engelsk"),
        blank=True,
        help_text=_("Én funktion pr. linje. Uden dem beskriver publiccode.yml kun produktet på dansk."),
    )
    software_type = models.CharField(
        _("softwaretype"),
        max_length=30,
        choices=SOFTWARE_TYPE_CHOICES,
        default="standalone/web",
        help_text=_("Hvilken slags software produktet er (publiccode.yml)."),
    )
    platforms = models.CharField(
        _("platforme"),
        max_length=100,
        default="web",
        help_text=_("Adskilt af mellemrum, f.eks. web eller web linux windows."),
    )
    software_version = models.CharField(
        _("seneste version"),
        max_length=50,
        blank=True,
        help_text=_("Nummeret på den seneste version, fx 2.4.1."),
    )
    release_date = models.DateField(
        _("seneste version udgivet"),
        null=True,
        blank=True,
        help_text=_("Dagen, den seneste version blev udgivet."),
    )
    scope = models.CharField(
        _("anvendelsesområder"),
        max_length=200,
        blank=True,
        default="local-authorities",
        help_text=_("Fra publiccode.yml-standarden, adskilt af mellemrum, f.eks. local-authorities welfare."),
    )
    localisation_ready = models.BooleanField(
        _("klar til oversættelse"), default=False, help_text=_("Kan brugerfladen oversættes til flere sprog?")
    )
    available_languages = models.CharField(
        _("sprog i brugerfladen"),
        max_length=100,
        default="da",
        help_text=_("Sprogkoder efter BCP 47, adskilt af mellemrum, f.eks. da en."),
    )

    objects = PageManager.from_queryset(ProductPageQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("status"),
        FieldPanel("logo"),
        FieldPanel("tags"),
        FieldPanel("introduction"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("repository_url"),
                FieldPanel("documentation_url"),
                FieldPanel("roadmap_url"),
                FieldPanel("licence"),
            ],
            heading=_("Links og licens"),
        ),
        InlinePanel("contacts", heading=_("Kontaktpersoner"), label=_("Kontaktperson")),
        InlinePanel("joining_agreements", heading=_("Tilslutninger"), label=_("Tilslutning")),
        InlinePanel("suppliers", heading=_("Leverandører"), label=_("Leverandør")),
        InlinePanel("prices", heading=_("Priser for tilslutning"), label=_("Pris")),
        MultiFieldPanel(
            [
                FieldPanel("tagline_en"),
                FieldPanel("introduction_en"),
                FieldPanel("features"),
                FieldPanel("features_en"),
                FieldPanel("categories"),
                FieldPanel("scope"),
                FieldPanel("software_type"),
                FieldPanel("platforms"),
                FieldPanel("software_version"),
                FieldPanel("release_date"),
                FieldPanel("available_languages"),
                FieldPanel("localisation_ready"),
            ],
            heading=_("publiccode.yml"),
        ),
    ]
    search_fields = BodyPage.search_fields + [
        index.SearchField("tagline", boost=2),
        index.SearchField("name_parts", boost=2),
        index.AutocompleteField("title"),
        index.FilterField("status"),
    ]

    parent_page_types = ["products.ProductIndexPage"]
    subpage_types = ["products.ProductTabPage"]

    def permissions_for_user(self, user):
        return ProductPermissionTester(user, self)

    class Meta:
        verbose_name = _("produkt")
        verbose_name_plural = _("produkter")

    # What search engines and link previews read (see home.seo).
    meta_image_is_logo = True

    @property
    def name_parts(self):
        """The name's parts ("OS2 kitos" for OS2kitos), so site search finds the product by either."""
        return words.name_parts(self.title)

    @property
    def meta_image(self):
        return self.logo

    def structured_data(self, request):
        """The product as schema.org sees it; the same for every visitor, so a shared part."""
        return views.shared_part(request, self, "structured-data", [], partial(self.schema_org, request))

    def schema_org(self, request):
        return seo.without_empty(
            {
                "@context": "https://schema.org",
                "@type": "SoftwareApplication",
                "name": self.title,
                "description": seo.description(self),
                "url": request.build_absolute_uri(self.get_url(request)),
                "image": seo.image_url(request, self.logo),
                "applicationCategory": "BusinessApplication",
                "applicationSubCategory": ", ".join(self.category_list()),
                "license": f"https://spdx.org/licenses/{self.licence}.html" if self.licence else None,
                "isAccessibleForFree": True,
                "offers": {"@type": "Offer", "price": "0", "priceCurrency": "DKK"},
                "keywords": ", ".join(tag.name for tag in self.sorted_tags),
                # In English where the product has its features in English (like its description).
                "featureList": self.feature_list(english=get_language() == "en" and bool(self.features_en)),
                "sameAs": [self.repository_url] if self.repository_url else [],
                "softwareHelp": self.documentation_url or None,
                "publisher": seo.os2_reference(request),
            }
        )

    def get_sitemap_urls(self, request=None):
        """The computed governance tab is a page of its own for search engines too."""
        urls = super().get_sitemap_urls(request)
        if urls:
            urls.append({**urls[0], "location": urls[0]["location"] + self.reverse_subpage("governance_tab")})
        return urls

    def tabs(self):
        """The published tabs: title and URL are all the tab list needs, so not in their own type.
        Public as Wagtail's `.public()` has it, with the private sections read once per generation."""
        return public_pages(self.get_children().live().type(ProductTabPage)).order_by("path")

    @cached_property
    def latest_release(self):
        """The newest release, or None: it is the product's latest version wherever one is shown."""
        return self.releases.first()

    @property
    def latest_version(self):
        """The latest version and its date: the newest release's, else what publiccode.yml gave."""
        release = self.latest_release
        if release is not None:
            return release.version, release.released_on
        return self.software_version, self.release_date

    @cached_property
    def sorted_tags(self):
        """The tags by name, read once for the header and the structured data."""
        return list(self.tags.order_by("name"))

    def feature_list(self, english=False):
        text = self.features_en if english else self.features
        return [line.strip() for line in text.splitlines() if line.strip()]

    def category_list(self):
        return self.categories.split()

    def clean(self):
        """The publiccode.yml fields hold only what the standard allows (see products.publiccode_standard)."""
        super().clean()
        errors = {}
        unknown = [c for c in self.categories.split() if c not in standard.CATEGORIES]
        if unknown:
            errors["categories"] = _(
                "Ukendte kategorier: %(values)s. Se listen i publiccode.yml-standarden."
            ) % {"values": ", ".join(unknown)}
        unknown = [s for s in self.scope.split() if s not in standard.SCOPES]
        if unknown:
            errors["scope"] = _("Ukendte anvendelsesområder: %(values)s.") % {"values": ", ".join(unknown)}
        languages = self.available_languages.split()
        if not languages or not all(standard.is_language_tag(code) for code in languages):
            errors["available_languages"] = _(
                "Skriv mindst én sprogkode efter BCP 47, f.eks. da eller en-GB."
            )
        if not self.platforms.split():
            errors["platforms"] = _("Skriv mindst én platform, f.eks. web.")
        if self.licence and not standard.is_spdx_expression(self.licence):
            errors["licence"] = _(
                "'%(value)s' er ikke en SPDX-licensbetegnelse, f.eks. MPL-2.0 eller EUPL-1.2."
            ) % {"value": self.licence}
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, current_tab="overview", **kwargs):
        """What every tab of the product shows: its header, badge and the tab list."""
        context = super().get_context(request, *args, **kwargs)
        context.update(views.product_context(request, self, current_tab))
        return context

    @path("")
    def overview(self, request, join_form=None, status=200):
        return views.overview(request, self, join_form, status)

    @path("tilslut/")
    def join(self, request):
        return views.join_product(request, self)

    @path("governance/")
    def governance_tab(self, request):
        return views.governance_tab(request, self)


class ProductTabPage(BodyPage):
    """A wiki tab of a product (Om, Dokumentation, Arbejdsgrupper, Tilslutning, Roadmap …)."""

    last_reviewed = models.DateField(
        _("senest gennemgået"), null=True, blank=True, help_text=_("Hvornår indholdet sidst blev tjekket.")
    )

    content_panels = BodyPage.content_panels + [FieldPanel("last_reviewed")]
    parent_page_types = ["products.ProductPage"]
    subpage_types = []

    def permissions_for_user(self, user):
        return ProductTabPermissionTester(user, self)

    class Meta:
        verbose_name = _("produktfane")
        verbose_name_plural = _("produktfaner")

    # Site search titles a tab with its product ("OS2mo › Om"): every product has an "Om".
    search_result_in_parent = True

    def clean(self):
        super().clean()
        if self.slug in RESERVED_TAB_SLUGS:
            raise ValidationError(
                {"slug": _("Adressen '%(slug)s' er optaget af produktsiden.") % {"slug": self.slug}}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Routed through its product, the tab's parent is that product in its own type already (see
        # ProductIndexPage.route), so this reads nothing; a preview reads it.
        product = self.get_parent().specific
        context.update(product.get_context(request, current_tab=self.pk))
        context["page"] = self
        context["self"] = self
        return context
