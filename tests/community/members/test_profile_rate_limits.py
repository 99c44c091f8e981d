"""Profile edits are rate limited per account: over the limit the form comes back with HTTP 429, a
Danish explanation and the typed text, and the profile is not changed."""

import pytest

from community import ratelimit
from tests.markup import parse, text

from .test_profile_editing import VALID, edit_url

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

TOO_MANY = "Du har sendt formularen mange gange på kort tid. Vent lidt, og prøv igen."


def test_profile_edits_over_the_limit_are_refused_with_the_text_kept(
    ballerup, member, member_client, settings
):
    settings.RATE_LIMITS = {"profile-edit": (1, 600)}
    ratelimit.reset("profile-edit", f"user-{member.pk}")
    assert member_client.post(edit_url(ballerup), VALID).status_code == 302
    response = member_client.post(edit_url(ballerup), VALID | {"description": "Anden tekst om Ballerup."})
    assert response.status_code == 429
    form = parse(response).main.form
    assert TOO_MANY in text(parse(response).main)
    assert (
        form.find("textarea", attrs={"name": "description"}).get_text().strip() == "Anden tekst om Ballerup."
    )
    ballerup.refresh_from_db()
    assert ballerup.description == VALID["description"]
