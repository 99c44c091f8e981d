"""An editor opens the admin for the first time: after the password they are sent to set up an
authenticator app, scan or copy the secret, type a code, and see their recovery codes; opening the admin
in that session then asks for a code. Every step passes the accessibility check and the strict
Content-Security-Policy of public pages."""

import re
import time
import uuid

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from .conftest import check_accessibility, screenshot

pytestmark = [pytest.mark.browser]

PASSWORD = "Redaktør-2026-kode"


@pytest.fixture
def editor(live_demo):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    email = f"redaktoer-{uuid.uuid4().hex[:8]}@os2.example.dk"
    user = get_user_model().objects.create_user(
        email.split("@")[0], email, PASSWORD, first_name="Rita", last_name="Redaktør", is_staff=True
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_an_editor_sets_up_two_factor_authentication_before_the_admin_opens(
    page, live_demo, editor, settings
):
    settings.ADMIN_MFA_REQUIRED = True
    page.goto(live_demo.url + "/admin/")
    page.wait_for_url("**/konto/login/**")
    page.get_by_label("E-mail").fill(editor.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    page.wait_for_url("**/konto/2fa/totp/activate/**")
    assert "Administrationen kræver totrinsbekræftelse" in page.locator("body").inner_text()
    check_accessibility(page)
    screenshot(page, "two-factor-setup")

    secret = re.search(r"\b([A-Z2-7]{32})\b", page.content()).group(1)
    page.locator("main input[name=code]").fill(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/konto/2fa/recovery-codes/**")
    check_accessibility(page)
    screenshot(page, "two-factor-recovery-codes")

    page.goto(live_demo.url + "/admin/")
    page.wait_for_url("**/konto/2fa/reauthenticate/**")
    assert page.locator("main input[name=code]").is_visible()
    check_accessibility(page)
