"""StreamField blocks shared by every page type with a body.

Each block has an icon, a label, a template in `templates/components/streamfield/` and a preview
value, so editors see what they insert.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; headings make up the table of contents of long pages."""

    text = blocks.CharBlock(label=_("Overskrift"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Overskrift 2")), ("h3", _("Overskrift 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Overskrift")
        template = "components/streamfield/heading_block.html"
        preview_value = {"text": "Sådan kommer I i gang", "level": "h2"}
        description = _("En overskrift, der også vises i sidens indholdsfortegnelse.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Tekst")
        template = "components/streamfield/paragraph_block.html"
        description = _("Brødtekst med mellemoverskrifter, lister, fed og kursiv skrift og links.")
        preview_value = "<p>OS2 er et fællesskab af offentlige myndigheder, der udvikler og deler open source-software.</p>"


class ImageBlock(blocks.StructBlock):
    """An image with required alternative text, served as responsive WebP renditions."""

    image = ImageChooserBlock(label=_("Billede"))
    alt_text = blocks.CharBlock(
        label=_("Alternativ tekst"),
        max_length=250,
        help_text=_("Beskriv billedet for dem, der ikke kan se det. Påkrævet (WCAG 2.1 AA)."),
    )
    caption = blocks.CharBlock(label=_("Billedtekst"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Billede")
        template = "components/streamfield/image_block.html"
        description = _("Et billede med alternativ tekst og valgfri billedtekst.")

    def get_preview_value(self):
        image = get_image_model().objects.order_by("pk").first()
        return {"image": image, "alt_text": image.title if image else "", "caption": ""}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Citat"))
    attribution = blocks.CharBlock(label=_("Afsender"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Citat")
        template = "components/streamfield/quote_block.html"
        description = _("Et fremhævet citat med afsender.")
        preview_value = {
            "quote": "Vi arbejder med hinanden, ikke for hinanden.",
            "attribution": "OS2",
        }


class CallToActionBlock(blocks.StructBlock):
    """A highlighted box with one clear action, linking to a page or an address."""

    heading = blocks.CharBlock(label=_("Overskrift"), max_length=120)
    text = blocks.TextBlock(label=_("Tekst"), required=False)
    page = blocks.PageChooserBlock(label=_("Side"), required=False)
    url = blocks.URLBlock(label=_("Eller adresse"), required=False)
    button_text = blocks.CharBlock(label=_("Knaptekst"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Opfordring til handling")
        template = "components/streamfield/call_to_action_block.html"
        description = _("En fremhævet boks med én knap, der fører til en side eller en adresse.")
        preview_value = {
            "heading": "Bliv medlem af OS2",
            "text": "Kommuner, regioner og andre offentlige myndigheder kan blive medlem.",
            "url": "https://os2.eu",
            "button_text": "Læs om medlemskab",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Vælg enten en side eller en adresse, ikke begge.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Spørgsmål eller titel"), max_length=200)
    answer = ParagraphBlock(label=_("Svar eller indhold"))

    class Meta:
        icon = "help"
        label = _("Punkt")


class AccordionBlock(blocks.StructBlock):
    """Questions and answers (FAQ) that fold open; works as <details> without JavaScript."""

    heading = blocks.CharBlock(label=_("Overskrift"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Punkter"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Harmonika / FAQ")
        template = "components/streamfield/accordion_block.html"
        description = _("Spørgsmål og svar, der foldes ud, når man klikker.")
        preview_value = {
            "heading": "Ofte stillede spørgsmål",
            "items": [
                {"question": "Hvad koster et medlemskab?", "answer": "<p>Se siden om medlemskab.</p>"},
                {
                    "question": "Giver OS2 support?",
                    "answer": "<p>Nej, support aftales med en leverandør.</p>",
                },
            ],
        }


class CaptionedTableBlock(blocks.StructBlock):
    table = TableBlock(
        label=_("Tabel"),
        table_options={"startRows": 3, "startCols": 3, "renderer": "text"},
    )

    class Meta:
        icon = "table"
        label = _("Tabel")
        template = "components/streamfield/table_block.html"
        description = _("En tabel med overskriftsrække og billedtekst.")
        preview_value = {
            "table": {
                "data": [["Kommunestørrelse", "Pris"], ["Under 25.000", "10.000 kr."]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Priser",
            }
        }


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Overskrift"), required=False, max_length=120)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Dokument")), label=_("Dokumenter"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Dokumentliste")
        template = "components/streamfield/document_list_block.html"
        description = _("Dokumenter til download med filtype og størrelse.")

    def get_preview_value(self):
        return {"heading": "Dokumenter", "documents": list(get_document_model().objects.order_by("pk")[:3])}


class VideoEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Adresse på video eller indhold"))
    caption = blocks.CharBlock(label=_("Beskrivelse"), required=False, max_length=250)

    class Meta:
        icon = "media"
        label = _("Indlejret indhold")
        template = "components/streamfield/embed_block.html"
        preview_template = "components/streamfield/embed_block_preview.html"
        description = _(
            "En video eller andet indhold fra YouTube, Vimeo og lignende, indsat ud fra adressen."
        )
        preview_value = {"embed": "https://www.youtube.com/watch?v=mwrGSfiB1Mg", "caption": ""}


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    table = CaptionedTableBlock()
    documents = DocumentListBlock()
    embed = VideoEmbedBlock()
