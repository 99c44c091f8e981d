"""The demo has news about the products; its news page is in the main menu."""

from community.models import NewsIndexPage, NewsPage
from tests.markup import hrefs, parse


def test_demo_news(client, demo):
    assert NewsPage.objects.live().count() >= 10
    assert NewsPage.objects.filter(related_products__isnull=False).exists()
    assert NewsIndexPage.in_default_language().show_in_menus
    assert "/nyheder/" in hrefs(parse(client.get("/")))
