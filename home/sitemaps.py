"""`/sitemap.xml` and `/robots.txt`.

The sitemap lists every live page visitors may see without logging in (Wagtail's sitemap leaves out
pages behind a login or password), product governance tabs, member organisations' profiles and
public ideas. Listings with filters and search results are not listed (they say noindex)."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap


class OrganisationSitemap(Sitemap):
    def items(self):
        from community.models import Organisation

        return Organisation.objects.only("slug").order_by("slug")


class IdeaSitemap(Sitemap):
    def items(self):
        from community.models import Idea

        return Idea.objects.public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, idea):
        return idea.updated_at


SITEMAPS = {"pages": PageSitemap, "organisations": OrganisationSitemap(), "ideas": IdeaSitemap()}


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
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
