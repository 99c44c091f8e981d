"""Every body block renders as a visitor should see it, and bad block input is refused with a message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.rich_text import RichText

from home.blocks import BodyBlock, CallToActionBlock, ImageBlock
from home.models import ContentPage
from tests.markup import parse, text

pytestmark = pytest.mark.factories


@pytest.fixture
def image(db):
    from wagtail.images.models import Image

    return Image.objects.create(title="Dokk1", file=get_test_image_file(size=(1200, 800)))


def publish(parent, body):
    page = ContentPage(title="Blokke", slug="blokke", body=body)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_all_blocks_render(client, home_page, image):
    document = Document.objects.create(
        title="Partneraftale", file=SimpleUploadedFile("aftale.pdf", b"%PDF-1.4")
    )
    publish(
        home_page,
        [
            ("heading", {"text": "Om aftalen", "level": "h2"}),
            ("paragraph", RichText("<p>Tekst med <b>fed</b>.</p>")),
            ("image", {"image": image, "alt_text": "Dokk1 i Aarhus", "caption": "Foto"}),
            ("quote", {"quote": "Med hinanden", "attribution": "OS2"}),
            (
                "call_to_action",
                {"heading": "Bliv medlem", "text": "", "url": "https://os2.eu", "button_text": "Læs"},
            ),
            (
                "accordion",
                {"heading": "FAQ", "items": [{"question": "Pris?", "answer": RichText("<p>25.000</p>")}]},
            ),
            (
                "table",
                {
                    "table": {
                        "data": [["Niveau", "Krav"], ["N1", "Tovholder"]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": "Niveauer",
                    }
                },
            ),
            ("documents", {"heading": "Dokumenter", "documents": [document]}),
        ],
    )
    main = parse(client.get("/blokke/")).main
    heading = main.find("h2", id="om-aftalen")
    assert text(heading) == "Om aftalen"
    assert text(main.find("b")) == "fed"
    picture = main.find("img", alt="Dokk1 i Aarhus")
    assert picture["loading"] == "lazy" and picture.get("srcset")
    assert ".webp" in picture["src"] or any(".webp" in source["srcset"] for source in main.find_all("source"))
    assert "Foto" in text(main)
    assert "Med hinanden" in text(main.find("blockquote"))
    assert main.find("a", href="https://os2.eu")
    details = main.find("details")
    assert details and "Pris?" in text(details.find("summary"))
    table = main.find("table")
    assert text(table.caption) == "Niveauer" and [text(th) for th in table.find_all("th")][:2] == [
        "Niveau",
        "Krav",
    ]
    download = main.find("a", string=lambda value: value and "Partneraftale" in value) or next(
        link for link in main.find_all("a") if "Partneraftale" in text(link)
    )
    assert "PDF" in text(download.parent)


def test_quote_is_escaped(client, home_page):
    publish(home_page, [("quote", {"quote": "<script>alert(1)</script>", "attribution": ""})])
    response = client.get("/blokke/")
    assert "<script>alert(1)</script>" not in response.content.decode()
    main = parse(response).main
    assert not main.find("script") and "<script>alert(1)</script>" in text(main.find("blockquote"))


def test_image_block_requires_alt_text(image):
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    assert "alt_text" in error.value.block_errors


@pytest.mark.parametrize(
    "value",
    [
        {"heading": "H", "text": "", "page": None, "url": "", "button_text": "Læs"},
        {"heading": "H", "text": "", "page": "root", "url": "https://os2.eu", "button_text": "Læs"},
    ],
)
def test_call_to_action_needs_exactly_one_target(db, value):
    if value["page"] == "root":
        value["page"] = Page.objects.get(depth=2, locale__language_code="da")
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({**value, "page": value["page"].pk if value["page"] else None}))
    assert "Vælg enten en side eller en adresse" in str(error.value.block_errors["url"])


def test_every_block_has_icon_label_template_and_preview(db):
    for name, block in BodyBlock().child_blocks.items():
        assert block.meta.icon, name
        assert block.label, name
        assert getattr(block.meta, "template", None), name
        assert block.get_preview_value() is not None or name in {"image", "documents"}, name
