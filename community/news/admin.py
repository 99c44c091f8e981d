"""What the news domain registers with Wagtail: the latest news on the front page and on the pages of
the products they are about."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail import hooks

from home.i18n import with_localized_versions
from home.locales import default_locale, public_pages
from home.navigation import section_url

from .models import NewsIndexPage, NewsPage

SECTION_SIZE = 3


# What news_items shows of an article (the image only on cards that show it), and the translation key
# to find a translation by.
LISTED_NEWS_FIELDS = ["title", "url_path", "translation_key", "introduction", "date", "image"]


def news_items(articles, request=None, with_image=False):
    """The articles as card items; `with_image` for cards that show the article's picture."""
    return [
        {
            "heading": article.localized_version.title,
            "url": article.localized_version.get_url(request),
            "text": article.localized_version.introduction,
            "meta": date_format(article.date, "SHORT_DATE_FORMAT"),
            "lang": article.localized_lang,
            "text_lang": article.localized_lang,
        }
        | ({"image": article.image} if with_image else {})
        for article in with_localized_versions(articles, fields=LISTED_NEWS_FIELDS)
    ]


def latest_news():
    """The Danish pages: a translation is shown in place of its Danish page, not beside it. Public as
    Wagtail's `.public()` says, with the private sections read once per generation (home.locales).
    Lists read only what news_items shows: not the article's body, nor the page's other columns."""
    articles = NewsPage.objects.live().filter(locale=default_locale()).only(*LISTED_NEWS_FIELDS)
    return public_pages(articles).order_by("-date", "-pk")


@hooks.register("home_page_sections")
def news(request):
    return [
        {
            "heading": _("Nyheder"),
            # The images' renditions are not read with them: a card is rendered only when its section
            # shows something new (home_tags.with_html), and then Wagtail finds them in its renditions
            # cache.
            "items": news_items(
                latest_news().select_related("image")[:SECTION_SIZE], request, with_image=True
            ),
            "more_url": section_url(request, NewsIndexPage),
            "more_label": _("Se alle nyheder"),
            "order": 30,
        }
    ]


@hooks.register("product_page_sections")
def product_news(request, product_page):
    """The product's latest news, for its product page."""
    news_url = section_url(request, NewsIndexPage)
    return [
        {
            "heading": _("Nyheder om %(product)s") % {"product": product_page.title},
            "items": news_items(latest_news().filter(related_products=product_page)[:SECTION_SIZE], request),
            "more_url": f"{news_url}?produkt={product_page.slug}" if news_url else None,
            "more_label": _("Alle nyheder om %(product)s") % {"product": product_page.title},
            "order": 50,
        }
    ]
