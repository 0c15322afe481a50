"""Helpers for the second-factor tests: codes computed from a device's secret, as an app would."""

from __future__ import annotations

import time

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.models import User


def code_for(device: TOTPDevice, at: float | None = None) -> str:
    """The six digits an authenticator app shows for this device at `at` (now by default)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"


def set_up(client: Client, user: User) -> tuple[TOTPDevice, list[str]]:
    """Set up an authenticator through the pages; returns the device and its backup codes."""
    client.get(reverse("mfa:setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("mfa:setup"), {"code": code_for(device)})
    assert response.status_code == 302, response.content.decode()
    device.refresh_from_db()
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    return device, codes


def sign_in(client: Client, user: User, password: str, next_page: str = "/"):
    """Sign in with the password through the form."""
    return client.post(
        f"{reverse('login')}?next={next_page}", {"username": user.email, "password": password}
    )
