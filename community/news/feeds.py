"""RSS and Atom feeds of the news, for all news and per product (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from home.addresses import absolute_url
from home.i18n import with_localized_versions

FEED_ITEMS = 20


class LanguageMarked:
    """Each item (entry) marked with the language it is written in where that is not the feed's own:
    an English feed carries the Danish articles not yet translated, marked `xml:lang="da"`."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("lang"):
            attributes["xml:lang"] = item["lang"]
        return attributes


class RssFeed(LanguageMarked, Rss201rev2Feed):
    pass


class AtomFeed(LanguageMarked, Atom1Feed):
    pass


class NewsFeed(Feed):
    """Every address in a feed is at the site's public address (BASE_URL): a feed is read elsewhere,
    later, whichever host it was fetched from."""

    def __init__(self, index, path, product=None, atom=False):
        super().__init__()
        self.index = index
        self.path = path
        self.product = product
        self.feed_type = AtomFeed if atom else RssFeed

    def title(self):
        if self.product:
            return _("Nyheder om %(product)s fra OS2") % {"product": self.product.title}
        return _("Nyheder fra OS2")

    def link(self):
        return absolute_url(self.product.url if self.product else self.index.url)

    def feed_url(self):
        return absolute_url(self.path)

    def description(self):
        return self.index.introduction or _("Nyheder fra OS2 – Offentligt Digitaliseringsfællesskab")

    def subtitle(self):
        return self.description()

    def items(self):
        articles = self.index.articles().prefetch_related("tags")
        if self.product:
            articles = articles.filter(related_products=self.product)
        # A feed read in English gives the English version of each article translated into it.
        return with_localized_versions(articles[:FEED_ITEMS])

    def item_title(self, item):
        return item.localized_version.title

    def item_description(self, item):
        return item.localized_version.introduction

    def item_extra_kwargs(self, item):
        return {"lang": item.localized_lang}

    def item_link(self, item):
        return absolute_url(item.localized_version.url)

    def item_guid(self, item):
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
