"""Sign-in and password reset answer bad input like every other form: a 4xx and a message."""

import pytest
from django.urls import reverse

from agencies.forms import PASSWORD_LIMIT, PASSWORD_TOO_LONG, NewPasswordForm

pytestmark = pytest.mark.django_db

LONG_EMAIL = "a" * 300 + "@example.com"  # 312 characters: over the lock-out log's 255


def test_an_over_long_email_is_refused_with_a_message_not_a_500(client):
    response = client.post(reverse("login"), {"username": LONG_EMAIL, "password": "secret"})
    assert response.status_code == 400
    assert "254 characters" in response.content.decode()


def test_a_wrong_password_answers_4xx(world, client):
    response = client.post(
        reverse("login"), {"username": world.member.email, "password": "not the password"}
    )
    assert response.status_code == 400
    assert "Enter a correct email address and password." in response.content.decode()


def test_a_right_password_still_signs_in(world, client, password):
    response = client.post(reverse("login"), {"username": world.member.email, "password": password})
    assert response.status_code == 302


def test_an_empty_sign_in_answers_4xx(client):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    assert response.status_code == 400
    assert "Enter your email address" in response.content.decode()


@pytest.mark.parametrize("email", ["", "not an email", LONG_EMAIL])
def test_password_reset_errors_answer_4xx(client, email):
    response = client.post(reverse("password_reset"), {"email": email})
    assert response.status_code == 400


def test_password_reset_for_a_good_address_still_redirects(world, client):
    response = client.post(reverse("password_reset"), {"email": world.member.email})
    assert response.status_code == 302


def test_an_over_long_password_is_refused_before_it_is_hashed(world, client):
    """A megabyte typed as a password is refused with its limit, and no sign-in is tried."""
    response = client.post(
        reverse("login"), {"username": world.member.email, "password": "x" * 1_000_000}
    )
    assert response.status_code == 400
    assert PASSWORD_TOO_LONG in response.content.decode()
    assert f'maxlength="{PASSWORD_LIMIT}"' in response.content.decode()


def test_a_new_password_has_a_stated_limit(world):
    long = "Correct horse battery staple " * 20
    form = NewPasswordForm(world.member, {"new_password1": long, "new_password2": long})
    assert not form.is_valid()
    assert PASSWORD_TOO_LONG in form.errors["new_password1"]
