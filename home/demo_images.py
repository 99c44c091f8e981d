"""Simple, generated pictures for the demo: a logo for each product and organisation and a picture
for each news article, so the listings and pages show their images as they will with real content.
Drawn with Pillow from the name alone (the same name gives the same picture), small PNGs; only what
has no image yet gets one, so running the demo loader again changes nothing."""

import hashlib
import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from community.models import NewsPage, Organisation
from products.models import ProductPage

# Dark colours, each at least 4.5:1 against white text.
COLOURS = ["#00577d", "#0b6b34", "#3d1f6e", "#6b4c00", "#8a1538", "#005f5f", "#2f4f8f", "#5c3d00"]
LIGHT = ["#e2f2fb", "#ddf7ce", "#ffeecc", "#ffe0e0", "#eae2f8", "#dff5f3"]


def _rng(name):
    return random.Random(hashlib.sha256(name.encode()).hexdigest())  # noqa: S311 - pictures, not secrets


def _png(picture):
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def logo(name, short=None):
    """A logo: a rounded square in a colour of the name's, with its initials in white, beside the name."""
    rng = _rng(name)
    colour = rng.choice(COLOURS)
    short = short or "".join(word[0] for word in name.split()[:2]).upper()
    picture = PillowImage.new("RGBA", (480, 160), (255, 255, 255, 0))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((8, 8, 152, 152), radius=28, fill=colour)
    mark = ImageFont.load_default(size=64 if len(short) <= 2 else 44)
    draw.text((80, 80), short[:4], font=mark, fill="#ffffff", anchor="mm")
    label = name if len(name) <= 20 else name.split()[0]
    size = 40
    while size > 20 and draw.textlength(label, font=ImageFont.load_default(size=size)) > 292:
        size -= 2
    draw.text((176, 80), label, font=ImageFont.load_default(size=size), fill=colour, anchor="lm")
    return _png(picture)


def picture(name):
    """A 16:9 picture of overlapping shapes in two colours of the name's, for a news article."""
    rng = _rng(name)
    background, colour = rng.choice(LIGHT), rng.choice(COLOURS)
    image = PillowImage.new("RGB", (960, 540), background)
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y, size = rng.randint(-100, 900), rng.randint(-100, 480), rng.randint(80, 320)
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + size, y + size), outline=colour, width=rng.choice([6, 12, 20]))
        else:
            draw.rounded_rectangle((x, y, x + size, y + size * 0.6), radius=24, fill=colour)
    # As wide as the widest rendition the article page asks for, so its sizes are all different.
    return _png(image.resize((1440, 810), PillowImage.NEAREST).quantize(colors=8))


def _image(title, data, filename):
    return get_image_model().objects.create(title=title, file=ImageFile(io.BytesIO(data), name=filename))


def load():
    created = 0
    for product in ProductPage.objects.filter(logo__isnull=True):
        short = product.title.removeprefix("OS2")[:3] or "OS2"
        product.logo = _image(
            f"Logo: {product.title}", logo(product.title, short), f"logo-{product.slug}.png"
        )
        product.save(update_fields=["logo"])
        created += 1
    for organisation in Organisation.objects.filter(logo__isnull=True):
        image = _image(f"Logo: {organisation.name}", logo(organisation.name), f"logo-{organisation.slug}.png")
        organisation.logo = image
        organisation.save(update_fields=["logo"])
        created += 1
    for article in NewsPage.objects.filter(image__isnull=True):
        # Shapes only, nothing to describe: shown as decoration (empty alternative text).
        article.image = _image(
            f"Illustration: {article.title}", picture(article.slug), f"nyhed-{article.slug}.png"
        )
        article.save(update_fields=["image"])
        created += 1
    return created
