"""Every block an editor can insert has a preview and a description in the block picker, and its
preview renders, in the site's design. Logged in as the coordinator `tovholder-os2mo`."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from community.events.pages import EventPage
from home.models import ContentPage

pytestmark = pytest.mark.django_db

# The block pickers of the page editor: a body's and an event's programme.
PICKERS = [
    ContentPage._meta.get_field("body").stream_block,
    EventPage._meta.get_field("programme").stream_block,
]


@pytest.fixture
def coordinator(demo, client):
    client.force_login(get_user_model().objects.get(username="tovholder-os2mo"))
    return client


def pickable_blocks():
    return [(picker, child) for picker in PICKERS for child in picker.child_blocks.values()]


@pytest.mark.parametrize(("picker", "block"), pickable_blocks(), ids=lambda b: getattr(b, "name", None))
def test_every_pickable_block_has_a_preview_and_a_description(picker, block):
    assert block.is_previewable, block.name
    assert str(block.get_description()).strip(), block.name


def test_every_blocks_preview_renders(coordinator):
    for _picker, block in pickable_blocks():
        # The picker asks for a preview by the id Wagtail gives the block's definition.
        response = coordinator.get("/admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, block.name
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.find("link", href=lambda href: href and "dkfds" in href), block.name
        main = soup.find("main")
        assert main.get_text(strip=True) or main.find("img"), block.name
