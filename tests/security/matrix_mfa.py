"""Matrix entries for the second-factor pages (issue 16): nothing restricted on them, but every
persona asks each of them, wrong codes included."""

from __future__ import annotations

from django.urls import reverse

from .matrix import get, post

WRONG = {"code": "000000"}
MISSING = 999_999

ENTRIES = {
    "mfa:account": lambda w: [get(reverse("mfa:account"))],
    "mfa:setup": lambda w: [get(reverse("mfa:setup")), post(reverse("mfa:setup"), WRONG)],
    "mfa:verify": lambda w: [get(reverse("mfa:verify")), post(reverse("mfa:verify"), WRONG)],
    "mfa:backup_codes": lambda w: [
        get(reverse("mfa:backup_codes")),
        post(reverse("mfa:backup_codes"), {"then": "new"}),
    ],
    "mfa:backup_codes_download": lambda w: [get(reverse("mfa:backup_codes_download"))],
    "mfa:remove": lambda w: [get(reverse("mfa:remove")), post(reverse("mfa:remove"), WRONG)],
    # django-otp's admin shows a device's set-up link and QR code (to superusers only).
    "admin:otp_totp_totpdevice_config": lambda w: [
        get(reverse("admin:otp_totp_totpdevice_config", args=[MISSING]))
    ],
    "admin:otp_totp_totpdevice_qrcode": lambda w: [
        get(reverse("admin:otp_totp_totpdevice_qrcode", args=[MISSING]))
    ],
}

# The admin pages of django-otp's devices and of the log of resets: no device or reset exists
# in the world, so they are asked about an id that does not exist.
ADMIN_ENTRIES = {
    "otp_totp.totpdevice": ("plain", lambda w: [MISSING]),
    "otp_static.staticdevice": ("plain", lambda w: [MISSING]),
    "audit.factorreset": ("plain", lambda w: [MISSING]),
}
