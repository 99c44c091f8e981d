"""`/sitemap.xml` and `/robots.txt`.

The sitemap lists every live page visitors may see without logging in (Wagtail's sitemap leaves out
pages behind a login or password), product governance tabs, member organisations' profiles and
public ideas and published projects. Listings with filters and search results are not listed (they say noindex)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap

from .addresses import absolute_url


class PublicAddressSitemap(Sitemap):
    """Addresses at the site's public address (BASE_URL), whichever host the sitemap was asked for,
    like the pages' addresses, which come from the Wagtail site set to it."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.BASE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.BASE_URL).netloc


class OrganisationSitemap(PublicAddressSitemap):
    def items(self):
        from community.models import Organisation

        return Organisation.objects.only("slug").order_by("slug")


class IdeaSitemap(PublicAddressSitemap):
    def items(self):
        from community.models import Idea

        return Idea.objects.public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, idea):
        return idea.updated_at


class ProjectSitemap(PublicAddressSitemap):
    def items(self):
        from community.models import Project

        return Project.objects.live().only("slug").order_by("slug")


SITEMAPS = {
    "pages": PageSitemap,
    "organisations": OrganisationSitemap(),
    "ideas": IdeaSitemap(),
    "projects": ProjectSitemap(),
}


def sitemap(request):
    return wagtail_sitemap_views.sitemap(request, sitemaps=SITEMAPS)


# Search results and filtered listings say noindex themselves; crawlers must fetch them to see it.
ROBOTS_DISALLOWED = [
    "/admin/",
    "/django-admin/",
    "/konto/",
    "/min-side/",
    "/soeg/forslag/",
    "/medlemmer/forslag/",
]


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED), ""]
    lines.append(f"Sitemap: {absolute_url(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
