from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Forside og indholdssider")

    def ready(self):
        # Pillow refuses images of more than twice this many pixels wherever it opens them (not only in
        # Wagtail's upload form), so a small file that unpacks to a huge image cannot exhaust memory.
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
