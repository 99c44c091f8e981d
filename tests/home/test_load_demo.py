"""`load_demo` builds the demo site and is idempotent: a second run changes nothing."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

from home.models import SiteSettings


def snapshot():
    return (
        list(Page.objects.order_by("path").values_list("path", "title", "live", "latest_revision_id")),
        Revision.objects.count(),
        list(SiteSettings.objects.values()),
        get_user_model().objects.count(),
    )


def test_load_demo_twice_changes_nothing(db, tmp_path, settings, monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "demo-password-for-tests")
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == first
    assert "0 oprettet" in out.getvalue()


def test_load_demo_creates_about_pages_and_admin(db, monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "demo-password-for-tests")
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    titles = set(Page.objects.live().values_list("title", flat=True))
    assert {"Om OS2", "Medlemskab og kontingent", "Governancemodellen", "Aftaler"} <= titles
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("demo-password-for-tests")
    assert "demo-password-for-tests" in out.getvalue()
