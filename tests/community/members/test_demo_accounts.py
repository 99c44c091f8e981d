"""`load_demo` creates demo accounts anyone can try with the printed password: approved members of
demo organisations who can edit their own profile, one person waiting for approval, and a secretariat
user in the Sekretariat group who can approve in the admin."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from community.members.demo import DEMO_MEMBERS, DEMO_PASSWORD, DEMO_SECRETARIAT
from community.models import AffiliationStatus, approved_organisation

from .conftest import log_in


def test_load_demo_prints_the_demo_logins(demo):
    out = io.StringIO()
    call_command("load_demo", "--no-admin", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    for row in DEMO_MEMBERS:
        assert row[2] in text
    assert DEMO_SECRETARIAT[2] in text


def test_approved_demo_members_act_for_their_organisation(demo):
    for _first, _last, email, job_title, slug, status in DEMO_MEMBERS:
        user = get_user_model().objects.get(email=email)
        assert user.affiliation.job_title == job_title
        organisation = approved_organisation(user)
        if status == AffiliationStatus.APPROVED:
            assert organisation.slug == slug
        else:
            assert organisation is None


def test_a_demo_member_logs_in_with_the_printed_password_and_edits_their_profile(demo):
    email, slug = DEMO_MEMBERS[0][2], DEMO_MEMBERS[0][4]
    client = log_in(Client(), email, DEMO_PASSWORD)
    assert client.get(f"/medlemmer/{slug}/rediger/").status_code == 200


def test_the_demo_secretariat_reaches_the_member_accounts(demo):
    client = log_in(Client(), DEMO_SECRETARIAT[2], DEMO_PASSWORD)
    assert client.get("/admin/snippets/community/affiliation/").status_code == 200
    assert client.get("/admin/snippets/community/organisation/").status_code == 200
