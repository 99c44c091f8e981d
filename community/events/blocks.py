"""The blocks of an event's programme."""

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import ParagraphBlock


class ProgrammeItemBlock(blocks.StructBlock):
    """One point of an event's programme."""

    time = blocks.TimeBlock(label=_("Tidspunkt"), format="%H:%M")
    title = blocks.CharBlock(label=_("Punkt"), max_length=200)
    speaker = blocks.CharBlock(label=_("Oplægsholder"), required=False, max_length=200)
    description = blocks.TextBlock(label=_("Beskrivelse"), required=False)

    class Meta:
        icon = "time"
        label = _("Programpunkt")
        template = "components/streamfield/programme_item_block.html"
        description = _("Et punkt i programmet med tidspunkt, titel og oplægsholder.")
        preview_value = {
            "time": datetime.time(9, 30),
            "title": "Velkomst og kaffe",
            "speaker": "OS2's sekretariat",
            "description": "",
        }


class ProgrammeBlock(blocks.StreamBlock):
    item = ProgrammeItemBlock()
    paragraph = ParagraphBlock()
