"""The product catalogue: the catalogue page, product pages, and who uses and supplies each product."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.html import link_items
from home.i18n import DEFAULT_LANGUAGE, content_language, localized_path
from home.models import BodyPage, SectionIndexPage
from search import words

from ..page_permissions import ProductPermissionTester, ProductTabPermissionTester

# Sub-paths of a product page that are not tabs; a tab may not take their slug.
RESERVED_TAB_SLUGS = {"governance", "tilslut"}
# The tab that tells how to join a product, linked from its key facts.
JOIN_TAB_SLUG = "tilslutning"
# How many users the overview lists before "Vis alle".
USERS_SHOWN = 8


class ProductIndexPage(SectionIndexPage):
    """The catalogue (`/produkter/`)."""

    subpage_types = ["products.ProductPage"]

    class Meta:
        verbose_name = _("produktkatalog")
        verbose_name_plural = _("produktkataloger")

    def get_context(self, request, *args, **kwargs):
        from products.catalogue import Catalogue

        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = Catalogue(self.listing_root, request)
        return context


class ProductStatus(models.TextChoices):
    PROJEKT = "projekt", _("Projekt")
    PRODUKT = "produkt", _("Produkt")
    UDFASET = "udfaset", _("Udfaset")


class ProductPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "products.ProductPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


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
        return self.shared_part(request, "structured-data", [], partial(self.schema_org, request))

    def schema_org(self, request):
        from home import seo

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
        """The published tabs: title and URL are all the tab list needs, so not in their own type."""
        return self.get_children().live().public().type(ProductTabPage).order_by("path")

    def governance(self):
        from products.governance import governance_for

        return governance_for([self])[self.pk]

    def governance_level(self):
        """The level, label and explanation of `governance()`, read without the assessments' details."""
        from products.governance import levels_for

        return levels_for([self])[self.pk]

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
        from products import publiccode_standard as standard

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
        context["product"] = self
        context.update(
            self.shared_part(request, "header", [current_tab], partial(self.header, request, current_tab))
        )
        if current_tab == "governance":
            # The badge in the header needs only the level; the governance tab shows everything.
            context["governance"] = self.governance()
        return context

    def shared_part(self, request, name, vary, build, seconds=None):
        """A part of the product's pages that is the same for every visitor, cached as fresh as a cached
        page (see os2site.page_cache). A preview shows the draft's own tabs, contacts and prices."""
        from os2site.page_cache import PART_SECONDS, cached_part

        if getattr(request, "is_preview", False):
            return build()
        return cached_part(request, f"product-{name}", [self.pk, *vary], build, seconds or PART_SECONDS)

    def header(self, request, current_tab):
        # In the visitor's language: a Danish product under /en/ keeps its English visitors there.
        url = localized_path(self.get_url(request))
        tab_pages = list(self.tabs())
        tabs = [{"title": _("Overblik"), "url": url, "current": current_tab == "overview"}]
        # The tabs' titles are in the product's language: Danish ones marked as such in English.
        lang = content_language(request, self)
        tabs += [
            {
                "title": tab.title,
                "url": localized_path(tab.get_url(request)),
                "current": current_tab == tab.pk,
                "lang": lang,
            }
            for tab in tab_pages
        ]
        tabs.append(
            {"title": _("Governance"), "url": url + "governance/", "current": current_tab == "governance"}
        )
        return {
            "product_url": url,
            "product_tabs": tabs,
            "governance": None if current_tab == "governance" else self.governance_level(),
            "product_tags": self.sorted_tags,
            # The key facts' "how to join" link: the tab of that name, if the product has one.
            "join_url": next((tab.get_url(request) for tab in tab_pages if tab.slug == JOIN_TAB_SLUG), None),
            # Addresses follow the page tree: the catalogue's is the product's without its last part.
            "catalogue_url": url[: url.rstrip("/").rfind("/") + 1],
        }

    def overview_context(self, request):
        """What only the overview tab shows: users, suppliers, prices, contacts."""
        from community.members.models import organisation_url_for_slug

        # Hundreds of organisations can use a product: their names and addresses are read as plain rows,
        # and the address pattern is reversed once.
        organisation_url = organisation_url_for_slug()
        agreements = [
            {"stage": stage, "name": name, "url": organisation_url(slug)}
            for stage, name, slug in self.joining_agreements.order_by("organisation__name").values_list(
                "stage", "organisation__name", "organisation__slug"
            )
        ]
        users = [a for a in agreements if a["stage"] == JoiningStage.TILSLUTTET]
        pledges = [a for a in agreements if a["stage"] == JoiningStage.TILSAGN]
        # The roles are written in Danish: marked as such on the English page.
        role_lang = DEFAULT_LANGUAGE if get_language() != DEFAULT_LANGUAGE else ""
        suppliers = [
            {"name": name, "url": organisation_url(slug), "note": role, "note_lang": role_lang}
            for name, slug, role in self.suppliers.order_by("organisation__name").values_list(
                "organisation__name", "organisation__slug", "role"
            )
        ]
        contacts = self.contacts.select_related("person__organisation", "person__photo").order_by(
            "sort_order", "pk"
        )
        # The lists as HTML, made once: kept in the cache, they are read much faster than as rows.
        return {
            "user_count": len(users),
            # A few users at once, the rest behind "Vis alle" (a <details>, so without JavaScript too).
            "users_first_html": link_items(users[:USERS_SHOWN]),
            "users_rest_html": link_items(users[USERS_SHOWN:]),
            "pledge_count": len(pledges),
            "pledges_html": link_items(pledges),
            "suppliers_html": link_items(suppliers),
            "price_table": price_table(self.prices.all()),
            "contacts": list(contacts),
            "releases": list(self.releases.all()),
        }

    def sections(self, request):
        """Other modules (events, news, ideas) add their sections about this product through this hook;
        their links keep a visitor of the English site in English."""
        from home.models import with_localized_items

        return sorted(
            (
                with_localized_items(section)
                for hook in hooks.get_hooks("product_page_sections")
                for section in hook(request, self)
                if section.get("items")
            ),
            key=lambda section: section.get("order", 0),
        )

    @path("")
    def overview(self, request, join_form=None, status=200):
        from community.following.views import follow_context
        from os2site.page_cache import CLOCK_BOUND_SECONDS
        from products.views import join_context

        context = self.get_context(request)
        context.update(self.shared_part(request, "overview", [], partial(self.overview_context, request)))
        # The next events move on with the clock, so they are kept only briefly.
        context["sections"] = self.shared_part(
            request, "sections", [], partial(self.sections, request), CLOCK_BOUND_SECONDS
        )
        # The follow box and joining are the visitor's own: never part of what is cached for everyone.
        context.update(follow_context(request, self))
        # Joining: their organisation's price and form (see products.joining).
        context.update(join_context(request, self, join_form))
        return TemplateResponse(request, self.get_template(request), context, status=status)

    @path("tilslut/")
    def join(self, request):
        from products.views import join_product

        return join_product(request, self)

    @path("governance/")
    def governance_tab(self, request):
        context = self.get_context(request, current_tab="governance")
        return TemplateResponse(request, "products/product_page_governance.html", context)


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
        product = ProductPage.objects.parent_of(self).get()  # in its own type in one query
        context.update(product.get_context(request, current_tab=self.pk))
        context["page"] = self
        context["self"] = self
        return context


class JoiningStage(models.TextChoices):
    """Joining a product is two-phase: a non-binding pledge, then a binding joining agreement."""

    TILSAGN = "tilsagn", _("Tilsagn")
    TILSLUTTET = "tilsluttet", _("Tilsluttet")


class JoiningAgreement(Orderable):
    """Tilslutning: an organisation uses (or has pledged to support) a product."""

    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="joining_agreements")
    organisation = models.ForeignKey(
        "community.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="joining_agreements",
        help_text=_("Den organisation, der har tilsluttet sig produktet."),
    )
    stage = models.CharField(
        _("trin"),
        max_length=20,
        choices=JoiningStage.choices,
        default=JoiningStage.TILSLUTTET,
        help_text=_("Hvor langt organisationen er med at tage produktet i brug."),
    )
    joined_on = models.DateField(_("dato"), help_text=_("Dagen, organisationen tilsluttede sig produktet."))

    panels = [FieldPanel("organisation"), FieldPanel("stage"), FieldPanel("joined_on")]

    class Meta(Orderable.Meta):
        verbose_name = _("tilslutning")
        verbose_name_plural = _("tilslutninger")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "organisation"], name="one_joining_agreement_per_organisation"
            )
        ]
        # The member directory counts the products a set of members uses from the first index alone,
        # and finds the users of chosen products from the second.
        indexes = [
            models.Index(fields=["organisation", "stage", "product"], name="joining_directory_counts"),
            models.Index(fields=["product", "stage", "organisation"], name="joining_directory_filter"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.product}"


class ProductSupplier(Orderable):
    """A supplier partner delivering development, operations or support for a product."""

    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="suppliers")
    organisation = models.ForeignKey(
        "community.Organisation",
        verbose_name=_("leverandør"),
        on_delete=models.CASCADE,
        related_name="supplied_products",
        help_text=_("En leverandør, der arbejder med produktet."),
    )
    role = models.CharField(
        _("rolle"), max_length=120, blank=True, help_text=_("F.eks. udvikling, drift, support.")
    )

    contract_until = models.DateField(
        _("aftale gælder til"), null=True, blank=True, help_text=_("Slutdato for vedligeholdelsesaftalen.")
    )

    panels = [FieldPanel("organisation"), FieldPanel("role"), FieldPanel("contract_until")]

    class Meta(Orderable.Meta):
        verbose_name = _("leverandør")
        verbose_name_plural = _("leverandører")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "organisation"], name="one_supplier_record_per_organisation"
            )
        ]
        # The member directory counts the products a set of members supplies from this index alone.
        indexes = [models.Index(fields=["organisation", "product"], name="supplier_directory_counts")]

    def __str__(self):
        return f"{self.organisation} – {self.product}"


class MunicipalitySize(models.TextChoices):
    UNDER_25K = "under-25000", _("Under 25.000 indbyggere")
    FROM_25K = "25000-60000", _("25.000–60.000 indbyggere")
    FROM_60K = "60000-120000", _("60.000–120.000 indbyggere")
    OVER_120K = "over-120000", _("Over 120.000 indbyggere")

    @classmethod
    def for_population(cls, population):
        """The band of a municipality with this many inhabitants (each band's lower bound included)."""
        if population < 25_000:
            return cls.UNDER_25K
        if population < 60_000:
            return cls.FROM_25K
        if population < 120_000:
            return cls.FROM_60K
        return cls.OVER_120K


class JoiningPrice(Orderable):
    """The price of joining a product for one municipality size, for OS2 members or non-members."""

    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="prices")
    size = models.CharField(
        _("kommunestørrelse"),
        max_length=20,
        choices=MunicipalitySize.choices,
        help_text=_("Den kommunestørrelse, prisen gælder."),
    )
    member = models.BooleanField(
        _("medlem af OS2"), default=True, help_text=_("Sæt hak, hvis prisen gælder medlemmer af OS2.")
    )
    joining_fee = models.PositiveIntegerField(
        _("engangsbeløb ved tilslutning (kr.)"),
        default=0,
        help_text=_("Engangsbeløbet ved tilslutning i hele kroner."),
    )
    yearly_fee = models.PositiveIntegerField(
        _("årlig betaling (kr.)"), help_text=_("Den årlige betaling i hele kroner.")
    )

    panels = [FieldPanel("size"), FieldPanel("member"), FieldPanel("joining_fee"), FieldPanel("yearly_fee")]

    class Meta(Orderable.Meta):
        verbose_name = _("pris")
        verbose_name_plural = _("priser")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "size", "member"], name="one_price_per_size_and_membership"
            )
        ]


def price_table(prices):
    """Rows per municipality size (in size order) with the member and non-member price side by side."""
    by_key = {(price.size, price.member): price for price in prices}
    rows = []
    for size, label in MunicipalitySize.choices:
        member, other = by_key.get((size, True)), by_key.get((size, False))
        if member or other:
            rows.append({"label": label, "member": member, "non_member": other})
    return rows
