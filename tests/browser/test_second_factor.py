"""With MFA_REQUIRED on, the chair signs in, sets up an authenticator from the page, signs out,
signs in again with password and code, and sees the restricted item only after the code."""

import time
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import TOTP

from tests.agenda_fixtures import SECRET

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code(secret: str, ahead: int = 0) -> str:
    """What an authenticator app shows for this key, `ahead` 30-second steps from now."""
    totp = TOTP(b32decode(secret.replace(" ", "")))
    totp.time = time.time() + 30 * ahead
    return f"{totp.token():06d}"


def sign_in(page, email: str, password: str) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_with_a_second_factor(settings, page, world, password, meeting):
    settings.MFA_REQUIRED = True
    meeting_page = reverse("meetings:meeting", args=[meeting.pk])
    page.goto(meeting_page)
    sign_in(page, world.chair.email, password)
    page.wait_for_url("**/account/two-factor/set-up/**")
    assert SECRET not in page.content()
    assert page.locator("[data-testid=mfa-qr] svg").count() == 1
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.get_by_test_id("mfa-secret").inner_text()
    page.get_by_label("Code").fill(code(secret))
    page.get_by_role("button", name="Set up").click()
    page.wait_for_url("**/account/two-factor/backup-codes/**")
    assert page.get_by_test_id("backup-codes").locator("li").count() == 10
    page.get_by_role("button", name="I have kept my backup codes").click()
    page.wait_for_url(f"**{meeting_page}")
    assert SECRET in page.content()

    page.get_by_role("button", name="Sign out").first.click()
    page.wait_for_url("**/account/sign-in/**")
    page.goto(meeting_page)
    sign_in(page, world.chair.email, password)
    page.wait_for_url("**/account/two-factor/code/**")
    assert SECRET not in page.content()
    # Password alone: the restricted item's page still sends the chair to the code.
    page.goto(meeting_page)
    page.wait_for_url("**/account/two-factor/code/**")
    assert SECRET not in page.content()
    # The code of the next 30-second step (the one used at set-up cannot be used twice).
    page.get_by_label("Code").fill(code(secret, ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**{meeting_page}")
    assert SECRET in page.content()
