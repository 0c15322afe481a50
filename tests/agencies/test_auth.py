"""Signing in and out, sign-in required everywhere, throttling, idle expiry, password reset."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.urlwalk import all_urls

pytestmark = pytest.mark.django_db

PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    "admin:login",
    "admin:logout",
    "admin:password_reset",
    "admin:password_reset_done",
    "admin:password_reset_confirm",
    "admin:password_reset_complete",
    # The API's schema and docs hold no data; its other addresses answer 404 in JSON.
    "api:schema",
    "api:docs",
    "api:not_found",
    # The accessibility statement and the public pages (#17) are for anyone.
    "accessibility",
    "public:index",
    "public:meeting",
    "public:paper",
    "public:calendar",
}


def test_every_page_but_the_public_ones_needs_a_signed_in_user(client):
    login = reverse("login")
    admin_login = reverse("admin:login")
    checked = 0
    for path, name in all_urls():
        if name in PUBLIC:
            continue
        response = client.get(path)
        checked += 1
        if name.startswith("api:") and name != "api:tokens":
            # The API answers in JSON (401 without credentials; 404 for a non-pattern), never
            # with the sign-in page.
            assert response.status_code in (401, 404), (path, name, response.status_code)
            assert response["Content-Type"] == "application/json", (path, name)
            continue
        assert response.status_code in (302, 404), (path, name, response.status_code)
        if response.status_code == 302:
            target = response["Location"].split("?")[0]
            assert target in (login, admin_login), (path, name, target)
    assert checked > 10


def test_sign_in_by_email_in_any_case_and_land_on_home(world, client, password):
    response = client.post(
        reverse("login"), {"username": "LEAD@met.example", "password": password}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Metropolitan Police Service" in response.content.decode()


def test_wrong_password_shows_the_error_summary_and_keeps_the_email(world, client):
    response = client.post(reverse("login"), {"username": "lead@met.example", "password": "nope"})
    body = response.content.decode()
    assert response.status_code == 400  # a refused form is a 4xx (DESIGN 7)
    assert "govuk-error-summary" in body
    assert "Enter a correct email address and password." in body
    assert 'value="lead@met.example"' in body


def test_empty_sign_in_says_what_is_missing(client, db):
    body = client.post(reverse("login"), {}).content.decode()
    assert "Enter your email address" in body and "Enter your password" in body


def test_a_guest_without_a_password_cannot_sign_in(client, db):
    from agencies.services import user_create

    user_create(email="guest@example.org", full_name="Guest")
    response = client.post(reverse("login"), {"username": "guest@example.org", "password": ""})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 400


def test_sign_out_needs_a_post_and_ends_the_session(world, signed_in):
    client = signed_in(world.member)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_repeated_failures_lock_out_for_a_cool_off_then_allow_again(world, client, password):
    limit = settings.AXES_FAILURE_LIMIT
    creds = {"username": "member@met.example"}
    for _ in range(limit):
        client.post(reverse("login"), {**creds, "password": "wrong"})
    locked = client.post(reverse("login"), {**creds, "password": password})
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=5)):
        allowed = client.post(reverse("login"), {**creds, "password": password})
        assert allowed.status_code == 302
        assert client.session["_auth_user_id"] == str(world.member.pk)


def test_lockout_of_one_account_does_not_lock_another(world, client, password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "member@met.example", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "lead@met.example", "password": password})
    assert response.status_code == 302


def test_session_expires_after_thirty_idle_minutes(world, client, password):
    client.post(reverse("login"), {"username": "member@met.example", "password": password})
    assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        assert client.get(reverse("home")).status_code == 200
    # The last request was at +29 minutes; 31 idle minutes later the session is gone.
    with time_machine.travel(timezone.now() + timedelta(minutes=29 + 31)):
        response = client.get(reverse("home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_password_reset_by_email(world, client):
    response = client.post(reverse("password_reset"), {"email": "member@met.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/account/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "a brand new partnership password"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    world.member.refresh_from_db()
    assert world.member.check_password(new)


def test_password_reset_for_unknown_email_sends_nothing_and_says_the_same(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
