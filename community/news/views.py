"""What the news page does with a request: the articles with their filters, and the feeds. The page
(`models.NewsIndexPage`) routes here."""

from django.core.paginator import Paginator
from django.http import Http404
from taggit.models import Tag

from home.forms import clean_query
from home.i18n import with_localized_versions
from os2site.page_cache import cached_part
from products.models import ProductPage

from .feeds import NewsFeed

NEWS_PER_PAGE = 10


def listing(request, index):
    """The articles newest first, filtered by topic (`?emne=`) and product (`?produkt=`)."""
    articles = index.articles()
    # Control characters (a NUL byte) are dropped: PostgreSQL refuses them in a query.
    tag_slug = clean_query(request.GET.get("emne", ""))[:100]
    product_slug = clean_query(request.GET.get("produkt", ""))[:100]
    tags, products = filter_choices(request, index, articles)
    tag = next((tag for tag in tags if tag.slug == tag_slug), None) if tag_slug else None
    product = next((product for product in products if product.slug == product_slug), None)
    if tag:
        articles = articles.filter(tags=tag)
    if product:
        articles = articles.filter(related_products=product)
    articles = articles.select_related("image").prefetch_related("tags", "image__renditions")
    page_obj = Paginator(articles, NEWS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return index.render(
        request,
        context_overrides={
            "articles": with_localized_versions(page_obj.object_list),
            "page_obj": page_obj,
            "query": query.urlencode(),
            "tags": tags,
            "products": products,
            "current_tag": tag,
            "current_product": product,
            "rss_url": index.url + index.reverse_subpage("rss"),
            "atom_url": index.url + index.reverse_subpage("atom"),
            "product_rss_url": index.product_feed_url(product) if product else None,
        },
    )


def filter_choices(request, index, articles):
    """The topics and products the articles have, for the filters: the same for every visitor, so a
    shared part of the page."""

    def build():
        tags = Tag.objects.filter(community_newspagetag_items__content_object__in=articles).distinct()
        products = (
            ProductPage.objects.visible_to_public()
            .filter(news__in=articles)
            .distinct()
            .order_by("title")
            .only("title", "slug")
        )
        return list(tags.order_by("name")), list(products)

    return cached_part(request, "news-filters", [index.pk], build)


def feed(request, index, atom=False, product_slug=None):
    """All news as RSS or Atom, or the news about one product."""
    product = None
    if product_slug:
        product = ProductPage.objects.visible_to_public().filter(slug=product_slug).first()
        if product is None:
            raise Http404
    return NewsFeed(index, request.path, product, atom=atom)(request)
