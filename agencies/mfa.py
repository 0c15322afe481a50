"""The second factor at sign-in: an authenticator app (TOTP) with single-use backup codes, kept
by django-otp. Reads and writes here; the pages are in mfa_views.py, the gate in middleware.py.

A person who set one up enters it after their password in every new session; with
MFA_REQUIRED everyone must set one up and enter it before any page is served.
"""

from __future__ import annotations

from base64 import b32encode
from typing import NamedTuple

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import record_factor_reset

from .models import User

# Set at sign-in for a person with a second factor: the session owes a code.
PENDING = "mfa_pending"
# Backup codes just made, shown (and downloadable) until the person says they have kept them.
NEW_CODES = "mfa_new_codes"
BACKUP_CODES = 10
APP_NAME = "Authenticator app"
CODES_NAME = "Backup codes"


def authenticator(user: User) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def backup_codes_left(user: User) -> int:
    """How many unused backup codes the person has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def is_verified(request: HttpRequest) -> bool:
    """Whether this session has entered a second factor (django-otp's OTPMiddleware)."""
    return bool(getattr(request.user, "is_verified", lambda: False)())


def owes_code(request: HttpRequest) -> bool:
    """Whether this signed-in session must enter (or set up) a second factor before going on."""
    if not request.user.is_authenticated:
        return False
    owed = settings.MFA_REQUIRED or bool(request.session.get(PENDING))
    return owed and not is_verified(request)


def sign_in_started(request: HttpRequest, user: User) -> None:
    """After the password: a person with an authenticator owes a code in this session."""
    if authenticator(user) is not None:
        request.session[PENDING] = True


def pending_setup(user: User) -> TOTPDevice:
    """The unconfirmed authenticator the set-up page shows (made once, then reused)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it: base32, in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The set-up link as an inline SVG QR code (drawn here: nothing is sent anywhere)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, title="QR code for your authenticator app", dark="#0b0c0c"
    )


def _clean(code: str) -> str:
    return "".join(code.split()).lower()


def _new_codes(user: User) -> list[str]:
    """Replace the person's backup codes with a fresh set, and return them."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic
def confirm_setup(request: HttpRequest, user: User, code: str) -> list[str] | None:
    """Confirm the pending authenticator with a code from it: it replaces any other, the session
    counts as verified and a new set of backup codes is returned. None for a wrong code."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).last()
    if device is None or not device.verify_token(_clean(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_codes(user)
    verified(request, device)
    return codes


def regenerate_codes(user: User) -> list[str]:
    """A fresh set of backup codes; the old ones stop working."""
    with transaction.atomic():
        return _new_codes(user)


class Checked(NamedTuple):
    """What a code matched: the device that accepted it, or whether django-otp made it wait."""

    device: Device | None
    waiting: bool = False


@transaction.atomic
def check_code(user: User, code: str) -> Checked:
    """Try a code: an authenticator's six digits, or a backup code (then used up). Each wrong
    try doubles django-otp's wait before that device accepts anything again."""
    token = _clean(code)
    waiting = False
    if not token or len(token) > 16:
        return Checked(None)
    for device in django_otp.devices_for_user(user, for_verify=True):
        # Digits are an authenticator's; anything else can only be a backup code.
        if isinstance(device, TOTPDevice) != token.isdigit():
            continue
        if not device.verify_is_allowed()[0]:
            waiting = True
        elif device.verify_token(token):
            return Checked(device)
    return Checked(None, waiting)


def verified(request: HttpRequest, device: Device) -> None:
    """Mark this session as having entered its second factor."""
    django_otp.login(request, device)
    request.session.pop(PENDING, None)
    # A new session key once the second factor is in, as Django does after the password.
    request.session.cycle_key()


def _delete_devices(user: User) -> int:
    """Delete the person's authenticators and backup codes; how many devices went."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    return removed


@transaction.atomic
def remove(user: User) -> int:
    """The person removes their own second factor (after entering a code)."""
    return _delete_devices(user)


@transaction.atomic
def reset(*, actor: User, person: User) -> int:
    """An administrator removes a person's second factor (they lost it); logged in audit."""
    removed = _delete_devices(person)
    record_factor_reset(actor=actor, person=person, email=person.email, devices=removed)
    return removed
