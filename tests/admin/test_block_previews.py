"""Every block an editor can insert has a preview and a description in the block picker, and its
preview renders, in the site's design. Logged in as a coordinator of OS2mo, on a small catalogue built
for the test."""

import pytest
from wagtail_factories import ImageFactory

from community.events.pages import EventPage
from home.models import ContentPage
from tests.factories import coordinated_catalogue, coordinator_of
from tests.markup import parse

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

# The block pickers of the page editor: a body's and an event's programme.
PICKERS = [
    ContentPage._meta.get_field("body").stream_block,
    EventPage._meta.get_field("programme").stream_block,
]


@pytest.fixture
def coordinator(client):
    # The image block previews the library's first image.
    ImageFactory(title="Fællesskabsdag", file__width=800, file__height=450)
    client.force_login(coordinator_of(coordinated_catalogue("OS2mo")["os2mo"]))
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
        soup = parse(response)
        assert soup.find("link", href=lambda href: href and "dkfds" in href), block.name
        main = soup.find("main")
        assert main.get_text(strip=True) or main.find("img"), block.name
