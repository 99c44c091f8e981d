"""A change made by another process shows at once on a running server with the embedded defaults
(SQLite, pages cached in the server's own memory, no Redis): a cron job, an import or `manage.py shell`
unpublishes a news article, and the next request for the news list and its feed no longer shows it,
although both were served from the page cache a moment before. The page cache's generation is kept
where every process reads it (os2site/caches.py)."""

import shutil
import urllib.request

import pytest
from bs4 import BeautifulSoup

from os2site.settings.base import shared_by_every_process
from tests.site.development_server import manage_shell, served_copy

pytestmark = pytest.mark.standalone

UNPUBLISH = """
from community.models import NewsPage
NewsPage.objects.get(slug={slug!r}).unpublish()
"""


def get(url):
    """(X-Cache, text) of a page the server answers with 200."""
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own local server
        assert response.status == 200, url
        return response.headers["X-Cache"], response.read().decode()


@pytest.fixture(scope="module")
def served(built_demo, tmp_path_factory):
    """The demo served by the development server with the embedded defaults: (base URL, environment)."""
    folder = tmp_path_factory.mktemp("fresh")
    generation_folder = shared_by_every_process(
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, {"NAME": str(folder / "db.sqlite3")}
    )["LOCATION"]
    try:
        with served_copy(built_demo, folder) as served:
            yield served
    finally:
        shutil.rmtree(generation_folder, ignore_errors=True)


def news_titles(html):
    """The titles of the articles the news list links to."""
    main = BeautifulSoup(html, "html.parser").find("main")
    return {
        link.get_text(" ", strip=True): link["href"]
        for link in main.select("a[href^='/nyheder/']")
        if link["href"].count("/") == 3 and link.get_text(strip=True)
    }


def test_an_article_unpublished_from_the_shell_leaves_the_list_and_feed_at_once(served):
    base_url, environment = served
    get(base_url + "/nyheder/")
    get(base_url + "/nyheder/feed/rss/")
    state, html = get(base_url + "/nyheder/")
    assert state == "hit"
    feed_state, feed = get(base_url + "/nyheder/feed/rss/")
    assert feed_state == "hit"
    title, href = next((title, href) for title, href in news_titles(html).items() if title in feed)
    slug = href.strip("/").split("/")[-1]

    manage_shell(environment, UNPUBLISH.format(slug=slug))

    state, html = get(base_url + "/nyheder/")
    assert state == "miss"
    assert title not in news_titles(html)
    assert news_titles(html), "the other articles are still listed"
    _state, feed = get(base_url + "/nyheder/feed/rss/")
    assert title not in feed
