"""Every response carries the security headers; public pages forbid inline scripts, the admin has its
own looser policy; the production settings pass `manage.py check --deploy`."""

import os
import subprocess
import sys

from tests.test_settings import GOOD_KEY


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_have_a_strict_policy_and_security_headers(client, demo):
    response = client.get("/om-os2/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert (
        "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    )


def test_public_templates_contain_no_inline_script(client, demo):
    """Scripts come from files; the only inline blocks are schema.org data, which browsers never run
    (the browser tests fail on any CSP violation, on pages that carry such data too)."""
    for path in (
        "/",
        "/om-os2/",
        "/produkter/",
        "/produkter/os2mo/",
        "/bliv-medlem/",
        "/soeg/?q=os2",
        "/findes-ikke/",
    ):
        html = client.get(path).content.decode()
        openings = [script.split(">")[0] for script in html.split("<script")[1:]]
        assert all(" src=" in opening or opening == ' type="application/ld+json"' for opening in openings), (
            path
        )


def test_admin_has_its_own_looser_policy(client, demo, django_user_model):
    admin = django_user_model.objects.create_superuser("redaktoer", "r@os2.eu", "pw-123456789")
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_production_settings_pass_the_deploy_checks(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "os2site.settings.production",
        "SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": "os2.eu",
        "BASE_URL": "https://os2.eu",
        "STATIC_ROOT": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
