"""`/sitemap.xml` and `/robots.txt`.

The sitemap lists every live page visitors may see without logging in (Wagtail's sitemap leaves out
pages behind a login or password), product governance tabs, member organisations' profiles and
public ideas and published projects. Listings with filters and search results are not listed (they say noindex)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap
from wagtail.models import Locale, Page

from community.models import Idea, Organisation, Project

from . import i18n
from .addresses import absolute_url


class PublicAddressSitemap(Sitemap):
    """Addresses at the site's public address (BASE_URL), whichever host the sitemap was asked for,
    like the pages' addresses, which come from the Wagtail site set to it. Each address in every
    language (/medlemmer/aarhus-kommune/ and /en/medlemmer/aarhus-kommune/), each naming the other."""

    i18n = True
    alternates = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.BASE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.BASE_URL).netloc


class OrganisationSitemap(PublicAddressSitemap):
    def items(self):
        return Organisation.objects.only("slug").order_by("slug")


class IdeaSitemap(PublicAddressSitemap):
    def items(self):
        return Idea.objects.public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, idea):
        return idea.updated_at


class ProjectSitemap(PublicAddressSitemap):
    def items(self):
        return Project.objects.live().only("slug").order_by("slug")


class LanguagePageSitemap(PageSitemap):
    """Every live, public page in each language: the front page's tree and its translations' trees,
    and, for a page not yet translated, its address in the other language (served there with that
    language's interface, see home.i18n). Each address names its versions in the other languages
    (hreflang alternates)."""

    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_home = Q()
        for home in homes:
            in_a_home |= Q(path__startswith=home.path)
        return Page.objects.filter(in_a_home).live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        versions = self.versions(pages)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        urls, last_mods = [], set()
        for item in pages:
            own = item.get_full_url(self.request)
            for url_info in item.get_sitemap_urls(self.request):
                # A page's own address or one below it (a product's governance tab).
                rest = url_info["location"][len(own) :] if url_info["location"].startswith(own) else ""
                addresses = {
                    language: address + rest for language, address in versions[item.translation_key].items()
                }
                language = languages[item.locale_id]
                untranslated = [code for code, _name in settings.LANGUAGES if code not in addresses]
                if language == i18n.DEFAULT_LANGUAGE:
                    # Served in the other languages at its own path there.
                    path = urlsplit(url_info["location"]).path
                    for code in untranslated:
                        addresses[code] = absolute_url(i18n.path_in_language(path, code, language))
                alternates = [{"lang_code": code, "location": address} for code, address in addresses.items()]
                for code, address in addresses.items():
                    if code == language or (language == i18n.DEFAULT_LANGUAGE and code in untranslated):
                        urls.append({**url_info, "location": address, "alternates": alternates})
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def versions(self, pages):
        """{translation key: {language: absolute address}} of the live, public versions of `pages`."""
        found = {}
        translations = (
            Page.objects.live()
            .public()
            .filter(translation_key__in={page.translation_key for page in pages})
            .select_related("locale")
        )
        for version in translations:
            found.setdefault(version.translation_key, {})[version.locale.language_code] = (
                version.get_full_url(self.request)
            )
        return found


SITEMAPS = {
    "pages": LanguagePageSitemap,
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
