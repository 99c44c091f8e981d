from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Forside og indholdssider")

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow refuses images of more than twice this many pixels wherever it opens them (not only in
        # Wagtail's upload form), so a small file that unpacks to a huge image cannot exhaust memory.
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS

        # `.public()` uses the private sections of the cached navigation during a public request.
        from . import wagtail_patches  # noqa: F401
