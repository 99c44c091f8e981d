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


def test_load_demo_refuses_the_production_settings(tmp_path):
    """Run as an operator would on a production server: refused, nothing created."""
    import os
    import subprocess
    import sys

    from django.conf import settings as django_settings

    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "os2site.settings.production",
        "SECRET_KEY": "p" * 60,
        "ALLOWED_HOSTS": "os2.test",
        "BASE_URL": "https://os2.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode != 0
    assert "refuses to run with production settings" in result.stderr
    assert "os2-demo-2026" not in result.stdout + result.stderr


def test_forced_on_production_settings_no_account_gets_a_known_password(demo, settings):
    from community.members.demo import DEMO_MEMBERS, DEMO_PASSWORD, DEMO_SECRETARIAT

    emails = [DEMO_SECRETARIAT[2], *(row[2] for row in DEMO_MEMBERS)]
    get_user_model().objects.filter(email__in=emails).delete()
    settings.PRODUCTION = True
    out = io.StringIO()
    call_command("load_demo", "--force", stdout=out)
    users = get_user_model().objects.filter(email__in=emails)
    assert users.count() == len(emails)
    assert not any(user.check_password(DEMO_PASSWORD) or user.has_usable_password() for user in users)
    assert not get_user_model().objects.filter(is_superuser=True).exists()
    assert DEMO_PASSWORD not in out.getvalue()
