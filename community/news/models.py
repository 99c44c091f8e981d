"""News: the news page (`/nyheder/`) with articles, filters and RSS/Atom feeds."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from home import seo
from home.models import BodyPage, SectionIndexPage

from . import views


class NewsIndexPage(RoutablePageMixin, SectionIndexPage):
    """The news page: articles newest first, filters by tag and product, and the feeds."""

    subpage_types = ["community.NewsPage"]

    class Meta:
        verbose_name = _("nyhedsoversigt")
        verbose_name_plural = _("nyhedsoversigter")

    def articles(self):
        return NewsPage.objects.live().public().descendant_of(self.listing_root).order_by("-date", "-pk")

    @path("")
    def listing(self, request):
        return views.listing(request, self)

    @path("feed/rss/", name="rss")
    def rss(self, request):
        return views.feed(request, self)

    @path("feed/atom/", name="atom")
    def atom(self, request):
        return views.feed(request, self, atom=True)

    @path("feed/rss/<slug:product>/", name="product_rss")
    def product_rss(self, request, product):
        return views.feed(request, self, product_slug=product)

    @path("feed/atom/<slug:product>/", name="product_atom")
    def product_atom(self, request, product):
        return views.feed(request, self, atom=True, product_slug=product)

    def product_feed_url(self, product):
        return self.url + self.reverse_subpage("product_rss", kwargs={"product": product.slug})


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("community.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(BodyPage):
    """A news article."""

    date = models.DateField(_("dato"), default=datetime.date.today, db_index=True)
    author = models.CharField(_("forfatter"), max_length=200, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("billede"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("billedets alternative tekst"),
        max_length=250,
        blank=True,
        help_text=_("Beskriv billedet for dem, der ikke kan se det."),
    )
    tags = ClusterTaggableManager(verbose_name=_("emner"), through=NewsPageTag, blank=True)
    related_products = ParentalManyToManyField(
        "products.ProductPage", verbose_name=_("relaterede produkter"), blank=True, related_name="news"
    )
    # A project's news is told on its page and, once it has become a product, to that product's followers.
    related_projects = ParentalManyToManyField(
        "community.Project", verbose_name=_("relaterede projekter"), blank=True, related_name="news"
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("author")], heading=_("Udgivelse")),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Billede")),
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("related_products"),
        FieldPanel("related_projects"),
    ]
    search_fields = BodyPage.search_fields + [
        index.SearchField("author"),
        index.AutocompleteField("title"),
        index.FilterField("date"),
    ]

    parent_page_types = ["community.NewsIndexPage"]
    subpage_types = []

    # What search engines and link previews read (see home.seo).
    og_type = "article"

    @property
    def meta_image(self):
        return self.image

    def search_result_details(self):
        """Shown with the article in site search, so articles of the same title are told apart."""
        return [date_format(self.date, "DATE_FORMAT")]

    @property
    def meta_image_alt(self):
        return self.image_alt

    def structured_data(self, request):
        return seo.without_empty(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": self.title,
                "description": seo.description(self),
                "url": request.build_absolute_uri(self.get_url(request)),
                "datePublished": self.date.isoformat(),
                "dateModified": self.last_published_at.isoformat() if self.last_published_at else None,
                "image": seo.image_url(request, self.image, seo.SOCIAL_IMAGE_SPEC),
                "author": {"@type": "Person", "name": self.author}
                if self.author
                else seo.os2_reference(request),
                "publisher": seo.os2_reference(request),
                "inLanguage": "da",
            }
        )

    class Meta:
        verbose_name = _("nyhed")
        verbose_name_plural = _("nyheder")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = self.related_products.visible_to_public().order_by("title")
        context["news_index"] = self.get_parent().specific
        return context

    @property
    def published_at(self):
        """The article's date as a moment (noon, Danish time), for feeds."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(12, 0)))
