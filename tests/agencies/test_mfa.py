"""The second factor (issue 16): set up, enter a code after the password, wrong codes, backup
codes used once, removing and replacing it."""

import time

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .mfa_support import code_for, set_up, sign_in

pytestmark = pytest.mark.django_db


def test_set_up_shows_a_qr_code_and_the_secret_and_needs_a_right_code(signed_in, world):
    client = signed_in(world.member)
    page = client.get(reverse("mfa:setup"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "QR code for your authenticator app" in html
    assert "govuk-input--width-10" in html
    device = TOTPDevice.objects.get(user=world.member, confirmed=False)
    # The secret as text for manual entry, in groups of four.
    secret = page.context["secret"]
    assert secret.replace(" ", "") in html.replace(" ", "") and len(secret.split()) == 8
    # No external service draws the QR code.
    assert "http" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org", ""
    )

    wrong = client.post(reverse("mfa:setup"), {"code": "123456"})
    assert wrong.status_code == 400
    assert "The code is not right" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    with time_machine.travel(time.time() + 2, tick=False):
        right = client.post(reverse("mfa:setup"), {"code": code_for(device)})
    assert right.status_code == 302
    assert right["Location"].startswith(reverse("mfa:backup_codes"))
    device.refresh_from_db()
    assert device.confirmed
    assert StaticToken.objects.filter(device__user=world.member).count() == 10


def test_backup_codes_are_shown_once_downloadable_and_then_gone(signed_in, world):
    client = signed_in(world.member)
    _, codes = set_up(client, world.member)
    page = client.get(reverse("mfa:backup_codes")).content.decode()
    assert all(code in page for code in codes)
    download = client.get(reverse("mfa:backup_codes_download"))
    assert download["Content-Disposition"] == 'attachment; filename="backup-codes.txt"'
    assert all(code in download.content.decode() for code in codes)
    client.post(reverse("mfa:backup_codes"), {"then": "done"})
    again = client.get(reverse("mfa:backup_codes")).content.decode()
    assert not any(code in again for code in codes)
    assert "You have 10 unused backup codes" in again
    assert client.get(reverse("mfa:backup_codes_download")).status_code == 404


def test_new_backup_codes_replace_the_old_ones(signed_in, world):
    client = signed_in(world.member)
    _, old = set_up(client, world.member)
    client.post(reverse("mfa:backup_codes"), {"then": "new"})
    new = client.session["mfa_new_codes"]
    assert len(new) == 10 and not set(new) & set(old)
    tokens = set(
        StaticToken.objects.filter(device__user=world.member).values_list("token", flat=True)
    )
    assert tokens == set(new)


def test_sign_in_asks_a_person_with_a_second_factor_for_a_code(client, world, password):
    client.force_login(world.member, backend="django.contrib.auth.backends.ModelBackend")
    device, _ = set_up(client, world.member)
    client.logout()
    response = sign_in(client, world.member, password, next_page="/actions/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa:verify"))
    # Nothing else is served until the code is in, even with MFA_REQUIRED off.
    assert not settings.MFA_REQUIRED
    home = client.get("/")
    assert home.status_code == 302 and home["Location"].startswith(reverse("mfa:verify"))
    with time_machine.travel(time.time() + 60, tick=False):
        done = client.post(reverse("mfa:verify"), {"code": code_for(device), "next": "/actions/"})
        assert done.status_code == 302 and done["Location"] == "/actions/"
        assert client.get("/").status_code == 200


def test_a_wrong_code_is_refused_and_makes_the_next_try_wait(client, world, password):
    client.force_login(world.member, backend="django.contrib.auth.backends.ModelBackend")
    device, _ = set_up(client, world.member)
    client.logout()
    sign_in(client, world.member, password)
    later = time.time() + 60
    with time_machine.travel(later, tick=False):
        wrong = client.post(reverse("mfa:verify"), {"code": "000000"})
        assert wrong.status_code == 400
        assert "The code is not right" in wrong.content.decode()
        # Straight after a wrong code even the right one waits (django-otp's throttle).
        waiting = client.post(reverse("mfa:verify"), {"code": code_for(device, later)})
        assert waiting.status_code == 400
        assert "Too many wrong codes" in waiting.content.decode()
    with time_machine.travel(later + 30, tick=False):
        assert client.post(reverse("mfa:verify"), {"code": code_for(device)}).status_code == 302


def test_guessing_the_six_digits_is_stopped(client, world, password):
    """Wrong codes count as failed sign-ins: after AXES_FAILURE_LIMIT the account cools off,
    the person is signed out and even the right code is refused."""
    client.force_login(world.member, backend="django.contrib.auth.backends.ModelBackend")
    device, _ = set_up(client, world.member)
    client.logout()
    sign_in(client, world.member, password)
    start = time.time() + 60
    statuses = []
    for n in range(settings.AXES_FAILURE_LIMIT):
        # Far enough apart that django-otp's own wait never answers first.
        with time_machine.travel(start + 120 * n, tick=False):
            statuses.append(client.post(reverse("mfa:verify"), {"code": f"{n:06d}"}).status_code)
    assert statuses[:-1] == [400] * (settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[-1] == 429
    with time_machine.travel(start + 120 * settings.AXES_FAILURE_LIMIT, tick=False):
        # Signed out at the lock-out: the right code now reaches only the sign-in page.
        right = client.post(reverse("mfa:verify"), {"code": code_for(device)})
        assert right.status_code == 302 and right["Location"].startswith(reverse("login"))
        assert client.get("/")["Location"].startswith(reverse("login"))
        # The password alone is refused too until the cool-off ends.
        assert sign_in(client, world.member, password).status_code == 429


def test_a_backup_code_works_once(client, world, password):
    client.force_login(world.member, backend="django.contrib.auth.backends.ModelBackend")
    _, codes = set_up(client, world.member)
    client.logout()
    sign_in(client, world.member, password)
    assert client.post(reverse("mfa:verify"), {"code": codes[0].upper()}).status_code == 302
    assert client.get("/").status_code == 200
    client.logout()
    sign_in(client, world.member, password)
    again = client.post(reverse("mfa:verify"), {"code": codes[0]})
    assert again.status_code == 400
    assert StaticToken.objects.filter(device__user=world.member).count() == 9


def test_the_account_page_says_whether_a_second_factor_is_set(signed_in, world):
    client = signed_in(world.member)
    assert "Not set up" in client.get(reverse("mfa:account")).content.decode()
    set_up(client, world.member)
    page = client.get(reverse("mfa:account")).content.decode()
    assert "Set up" in page and "10 unused" in page


def test_removing_needs_a_code_from_it(signed_in, world):
    client = signed_in(world.member)
    _, codes = set_up(client, world.member)
    refused = client.post(reverse("mfa:remove"), {"code": "000000"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=world.member).exists()
    removed = client.post(reverse("mfa:remove"), {"code": codes[1]})
    assert removed["Location"] == reverse("mfa:account")
    assert not TOTPDevice.objects.filter(user=world.member).exists()
    assert not StaticDevice.objects.filter(user=world.member).exists()


def test_replacing_removes_it_then_sets_up_a_new_one(signed_in, world):
    client = signed_in(world.member)
    device, codes = set_up(client, world.member)
    replaced = client.post(reverse("mfa:remove"), {"code": codes[0], "then": "replace"})
    assert replaced["Location"] == reverse("mfa:setup")
    new, _ = set_up(client, world.member)
    assert new.pk != device.pk
    assert list(TOTPDevice.objects.filter(user=world.member)) == [new]


def test_a_code_longer_than_the_limit_is_refused_clearly(signed_in, world):
    client = signed_in(world.member)
    client.get(reverse("mfa:setup"))
    response = client.post(reverse("mfa:setup"), {"code": "1" * 500})
    assert response.status_code == 400
    assert "A code has at most 20 characters" in response.content.decode()
