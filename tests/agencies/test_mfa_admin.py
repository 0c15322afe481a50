"""Resetting a lost second factor in the admin (issue 16): superusers and staff with the
permission may; other staff may not; every reset is logged (who reset whose, when)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import FactorReset
from tests.factories import UserFactory

from .mfa_support import set_up

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:agencies_user_changelist"


def reset_in_admin(client, *people):
    return client.post(
        reverse(CHANGELIST),
        {"action": "reset_second_factor", "_selected_action": [p.pk for p in people]},
        follow=True,
    )


def with_factor(client, person):
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    set_up(client, person)
    client.logout()


def as_admin(client, admin):
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_superuser_resets_a_lost_second_factor_and_it_is_logged(client, world):
    with_factor(client, world.member)
    admin = UserFactory(is_staff=True, is_superuser=True, full_name="Ada Admin")
    response = reset_in_admin(as_admin(client, admin), world.member)
    assert "Second factor reset for 1 person" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.member).exists()
    assert not StaticDevice.objects.filter(user=world.member).exists()
    entry = FactorReset.objects.get()
    assert (entry.actor, entry.actor_name) == (admin, "Ada Admin")
    assert (entry.person, entry.person_email, entry.devices) == (
        world.member,
        world.member.email,
        2,
    )
    assert entry.reset_at is not None
    # The log is read in the admin and never edited there.
    log = client.get(reverse("admin:audit_factorreset_changelist")).content.decode()
    assert "Ada Admin" in log and world.member.email in log
    change = client.post(reverse("admin:audit_factorreset_change", args=[entry.pk]), {"devices": 0})
    assert change.status_code in (302, 403) or "readonly" in change.content.decode()
    entry.refresh_from_db()
    assert entry.devices == 2
    assert (
        client.post(reverse("admin:audit_factorreset_delete", args=[entry.pk])).status_code == 403
    )


def test_staff_with_the_permission_may_reset(client, world):
    with_factor(client, world.member)
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_user", "delete_totpdevice", "delete_staticdevice"]
        )
    )
    reset_in_admin(as_admin(client, staff), world.member)
    assert not TOTPDevice.objects.filter(user=world.member).exists()
    assert FactorReset.objects.get().actor == staff


def test_staff_without_the_permission_may_not(client, world):
    with_factor(client, world.member)
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    as_admin(client, staff)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Reset second factor" not in page
    reset_in_admin(client, world.member)
    assert TOTPDevice.objects.filter(user=world.member).exists()
    assert not FactorReset.objects.exists()


def test_people_who_are_not_staff_never_reach_it(client, world):
    with_factor(client, world.member)
    client.force_login(world.chair, backend="django.contrib.auth.backends.ModelBackend")
    response = reset_in_admin(client, world.member)
    assert reverse("admin:login") in response.redirect_chain[0][0]
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=world.member).exists()


def test_the_admin_never_shows_a_persons_secret(client, world):
    with_factor(client, world.member)
    admin = UserFactory(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.get(user=world.member)
    as_admin(client, admin)
    assert (
        client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk])).status_code == 403
    )
    assert (
        client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk])).status_code == 403
    )
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert device.key not in page.content.decode()


def test_the_admin_is_signed_in_to_through_the_product_and_its_code(client, world, password):
    """The admin's own sign-in form would skip the second factor: it sends people to ours."""
    admin = UserFactory(is_staff=True, is_superuser=True)
    with_factor(client, admin)
    page = client.get(reverse("admin:login"), {"next": "/admin/audit/"})
    assert page.status_code == 302
    assert page["Location"] == f"{reverse('login')}?next=%2Fadmin%2Faudit%2F"
    signed = client.post(page["Location"], {"username": admin.email, "password": password})
    assert signed["Location"].startswith(reverse("mfa:verify"))
    assert client.get("/admin/")["Location"].startswith(reverse("mfa:verify"))


def test_signed_in_staff_asking_for_the_admin_sign_in_go_to_the_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    as_admin(client, admin)
    response = client.get(reverse("admin:login"), {"next": "/admin/audit/"})
    assert response["Location"] == "/admin/audit/"


def test_the_admin_sign_in_never_sends_anyone_off_site(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    as_admin(client, admin)
    response = client.get(reverse("admin:login"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("admin:index")
