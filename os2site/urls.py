from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from community import views as community_views
from os2site.health import healthz

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    # One login path: the admins' login pages hand over to the site's (keeping ?next=).
    path("django-admin/login/", community_views.AdminLogin.as_view()),
    path("django-admin/", admin.site.urls),
    path("admin/login/", community_views.AdminLogin.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("konto/", include("allauth.urls")),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("search.urls")),
    path("", include("community.urls")),
    path("", include("products.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's page serving comes last: it matches every remaining path.
    path("", include(wagtail_urls)),
]
