"""News in the open data API (/api/v1/news): published, public articles, newest first, with the news
page's filters."""

import datetime

from django.db.models import Prefetch
from django.http import Http404
from ninja import Field, Query, Router, Schema

from community.models import NewsPage
from home.locales import default_locale
from os2site.api import Named, Paging, page_of, page_schema, responses
from products.models import ProductPage

router = Router(tags=["news"])


class NewsOut(Schema):
    slug: str
    title: str
    url: str
    date: datetime.date
    author: str | None
    introduction: str
    products: list[Named]
    tags: list[Named]


class NewsFilters(Schema):
    product: str | None = Field(None, max_length=100, description="About the product with this slug.")
    tag: str | None = Field(None, max_length=100, description="A tag's slug.")


def visible_news():

    return (
        NewsPage.objects.live()
        .public()
        .filter(locale=default_locale())
        .defer_streamfields()
        .prefetch_related(
            Prefetch("related_products", queryset=ProductPage.objects.visible_to_public().order_by("title")),
            "tags",
        )
    )


def news_data(request, article):
    return {
        "slug": article.slug,
        "title": article.title,
        "url": request.build_absolute_uri(article.get_url(request)),
        "date": article.date,
        "author": article.author or None,
        "introduction": article.introduction,
        "products": [{"slug": p.slug, "name": p.title} for p in article.related_products.all()],
        "tags": sorted(
            ({"slug": t.slug, "name": t.name} for t in article.tags.all()), key=lambda t: t["name"]
        ),
    }


@router.get("/news", response=responses(page_schema(NewsOut)), summary="News", operation_id="list_news")
def list_news(request, filters: Query[NewsFilters], paging: Query[Paging]):
    """Published articles, newest first."""

    articles = visible_news()
    if filters.product:
        articles = articles.filter(
            related_products__in=ProductPage.objects.visible_to_public().filter(slug=filters.product)
        )
    if filters.tag:
        articles = articles.filter(tags__slug=filters.tag)
    articles = articles.distinct().order_by("-date", "-pk")
    return page_of(request, articles, paging, lambda page: [news_data(request, a) for a in page])


@router.get("/news/{slug}", response=responses(NewsOut, 404), summary="One article", operation_id="get_news")
def get_news(request, slug: str):
    article = visible_news().filter(slug=slug).first()
    if article is None:
        raise Http404
    return news_data(request, article)
