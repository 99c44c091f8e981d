import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from community.events import api as events_api
from community.ideas import api as ideas_api
from community.members import api as members_api
from community.members import views as member_views
from community.news import api as news_api
from community.projects import api as projects_api
from home import passwords, sitemaps
from home import views as home_views
from os2site.api import api, docs
from os2site.health import healthz
from products import admin_scoping
from products import api as products_api

# The open data API: each app's router, under /api/v1/.
for module in (products_api, members_api, events_api, news_api, ideas_api, projects_api):
    api.add_router("", module.router)

# allauth's answer to a request over its limits, or made while they cannot be counted.
handler429 = "community.ratelimit.too_many_requests"

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    # One login path: the admins' login pages hand over to the site's (keeping ?next=).
    path("django-admin/login/", member_views.AdminLogin.as_view()),
    path("django-admin/", admin.site.urls),
    path("admin/login/", member_views.AdminLogin.as_view()),
    # Wagtail's page types report, narrowed for a coordinator to their own pages (before the admin's
    # own addresses, which would answer first).
    path("admin/reports/page-types-usage/", admin_scoping.page_types_report),
    path("admin/reports/page-types-usage/results/", admin_scoping.page_types_report_results),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("api/v1/", api.urls),
    path("api/", docs, name="api_docs"),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Only on one machine (`make run`); Django's `static()` would serve nothing without DEBUG.
    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# The public site in Danish at its own addresses and in English under /en/ (the same paths; Wagtail
# pages by their English translation).
urlpatterns += i18n_patterns(
    # The JavaScript files' texts in the page's language (the djangojs catalogue).
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("konto/", include("allauth.urls")),
    path("", include("search.urls")),
    path("", include("community.urls")),
    path("", include("products.urls")),
    # Wagtail's password form for protected pages, rate-limited; it takes Wagtail's own address and name.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        passwords.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail's page serving comes last: it matches every remaining path.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
