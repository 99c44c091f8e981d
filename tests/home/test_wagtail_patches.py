"""The three places the site reaches into Wagtail's internals (home/wagtail_patches.py) still do what they
rely on, so a Wagtail upgrade that changes them fails here rather than on a visitor's page."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import SiteRootPath

from home import wagtail_patches
from home.wagtail_patches import private_sections_q, request_bundle, wagtail_private_q

pytestmark = pytest.mark.django_db


def public_titles():
    return set(Page.objects.live().public().values_list("title", flat=True))


def test_public_goes_through_private_q(demo):
    about = Page.objects.get(slug="om-os2")
    token = request_bundle.set({"restricted": [(about.path, about.depth)]})
    try:
        titles = public_titles()
    finally:
        request_bundle.reset(token)
    assert about.title not in titles
    assert about.title in public_titles()


def test_the_private_sections_rule_is_wagtails(demo):
    """With a restricted section, the bundle's rule and Wagtail's own pick the same pages."""
    about = Page.objects.get(slug="om-os2")
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    restricted = [(about.path, about.depth)]
    pages = Page.objects.all()
    ours = set(pages.exclude(private_sections_q(restricted)).values_list("pk", flat=True))
    wagtails = set(pages.exclude(wagtail_private_q(pages)).values_list("pk", flat=True))
    assert ours == wagtails
    assert about.pk not in ours and about.get_children().exists()


def test_find_for_request_takes_the_site_handed_over(demo, django_assert_num_queries):
    site = Site.objects.get(is_default_site=True)
    request = RequestFactory().get("/")
    wagtail_patches.give_wagtail_the_site(request, site)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site


def test_page_addresses_are_made_from_the_root_paths_handed_over(demo, django_assert_num_queries):
    page = Page.objects.get(slug="om-os2")
    site = Site.objects.get(is_default_site=True)
    root_paths = [
        SiteRootPath(site.pk, path, "https://handed-over.example", language)
        for _site, path, _url, language in Site.get_site_root_paths()
    ]
    request = RequestFactory().get("/")
    wagtail_patches.give_wagtail_the_site(request, site)
    wagtail_patches.give_wagtail_the_root_paths(request, root_paths)
    with django_assert_num_queries(0):
        assert page.get_full_url(request).startswith("https://handed-over.example/")


def test_a_pages_url_is_made_from_the_bundles_root_paths(demo, django_assert_num_queries):
    page = Page.objects.get(slug="om-os2")
    site = Site.objects.get(is_default_site=True)
    root_paths = [
        SiteRootPath(site.pk, path, "https://handed-over.example", language)
        for _site, path, _url, language in wagtail_patches.wagtail_site_root_paths()
    ]
    token = request_bundle.set({"restricted": [], "root_paths": root_paths})
    try:
        with django_assert_num_queries(0):
            assert page.full_url.startswith("https://handed-over.example/")
    finally:
        request_bundle.reset(token)
    assert not Page.objects.get(pk=page.pk).full_url.startswith("https://handed-over.example/")
