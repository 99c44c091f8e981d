"""`home.locales.public_pages` keeps Wagtail's rule for what is public, with the private sections read
once per generation: the same pages as `.public()`, and a new restriction counts at once."""

import pytest
from wagtail.models import Page, PageViewRestriction

from home.locales import public_pages
from tests.factories import catalogue, product_with_tabs

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def names(pages):
    return sorted(pages.values_list("title", flat=True))


def test_the_same_pages_as_wagtails_public():
    index = catalogue()
    product_with_tabs(index, "Aaben", tabs=())
    hidden = product_with_tabs(index, "Lukket", tabs=("Om",))
    assert "Lukket" in names(public_pages(Page.objects.live()))

    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    shown = names(public_pages(Page.objects.live()))
    assert shown == names(Page.objects.live().public())
    assert "Lukket" not in shown and "Om" not in shown and "Aaben" in shown
    # The section's descendants are private too, the section's siblings are not.
    assert names(public_pages(hidden.get_children())) == []
    assert names(public_pages(index.get_children())) == ["Aaben"]


def test_reads_no_restrictions_once_the_generation_knows_them(django_assert_num_queries):
    index = catalogue()
    product_with_tabs(index, "Aaben", tabs=())
    list(public_pages(index.get_children()))  # the facts of this generation, read once
    with django_assert_num_queries(1):
        assert names(public_pages(index.get_children())) == ["Aaben"]
