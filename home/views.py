"""Files browsers ask for at fixed addresses of the site's root."""

from django.contrib.staticfiles import finders
from django.http import FileResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# Found once, among the static files' sources (which every installation has, collected or not).
FAVICON = finders.find("img/favicon.ico")


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request):
    """/favicon.ico: browsers and feed readers fetch it without reading the page's <link rel="icon">."""
    return FileResponse(open(FAVICON, "rb"), content_type="image/x-icon")  # noqa: SIM115 - FileResponse closes it
