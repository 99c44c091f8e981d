"""A change made by another process shows at once on a running server with the embedded defaults
(SQLite, pages cached in the server's own memory, no Redis): a cron job, an import or `manage.py shell`
unpublishes a news article, and the next request for the news list and its feed no longer shows it,
although both were served from the page cache a moment before. The page cache's generation is kept
where every process reads it (os2site/caches.py)."""

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from os2site.settings.base import shared_by_every_process
from tests.site.test_public_address import fetch_or_none, free_port

pytestmark = pytest.mark.standalone

ROOT = Path(settings.BASE_DIR)
START_TIMEOUT = 60

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
def served(tmp_path_factory):
    """The demo served by the development server with the embedded defaults: (base URL, environment)."""
    folder = tmp_path_factory.mktemp("fresh")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "SEARCH_URL", "TASK_BACKEND", "DEBUG", "DATABASE_URL"}
    }
    database = folder / "db.sqlite3"
    environment.update(
        DJANGO_SETTINGS_MODULE="os2site.settings.dev",
        BASE_URL=base_url,
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(folder / "media"),
        EMAIL_URL="consolemail://",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input"], ["load_demo", "--no-admin"]):
        subprocess.run(manage + command, env=environment, cwd=ROOT, check=True, capture_output=True)
    server = subprocess.Popen(  # noqa: S603
        [*manage, "runserver", "--insecure", "--noreload", f"127.0.0.1:{port}"],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    generation_folder = shared_by_every_process(
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, {"NAME": str(database)}
    )["LOCATION"]
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while fetch_or_none(base_url + "/healthz/") is None:
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("The development server did not start.", pytrace=False)
            time.sleep(0.5)
        yield base_url, environment
    finally:
        server.terminate()
        server.wait(timeout=10)
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

    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", UNPUBLISH.format(slug=slug)],
        env=environment,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )

    state, html = get(base_url + "/nyheder/")
    assert state == "miss"
    assert title not in news_titles(html)
    assert news_titles(html), "the other articles are still listed"
    _state, feed = get(base_url + "/nyheder/feed/rss/")
    assert title not in feed
