"""Passwords of at least 12 characters (NCSC guidance, issue 16), plus the common-password
check; the forms say so."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RULE = "at least 12 characters"


def reset_link(client, user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    # Django swaps the token for a session-held one and redirects to the form.
    return client.get(reverse("password_reset_confirm", args=[uid, token]))["Location"]


def test_the_reset_form_says_how_long_a_password_must_be(client, world):
    page = client.get(reset_link(client, world.member))
    assert RULE in page.content.decode()


def test_an_11_character_password_is_refused(client, world):
    form = reset_link(client, world.member)
    refused = client.post(form, {"new_password1": "Tr4vel-Kite", "new_password2": "Tr4vel-Kite"})
    assert refused.status_code == 400
    assert "This password is too short. It must contain at least 12 characters." in (
        refused.content.decode().replace("&#x27;", "'")
    )
    world.member.refresh_from_db()
    assert not world.member.check_password("Tr4vel-Kite")


def test_a_common_password_is_refused_even_when_long_enough(client, world):
    form = reset_link(client, world.member)
    refused = client.post(form, {"new_password1": "password1234", "new_password2": "password1234"})
    assert refused.status_code == 400
    assert "This password is too common." in refused.content.decode()


def test_12_characters_are_enough(client, world):
    form = reset_link(client, world.member)
    done = client.post(form, {"new_password1": "Tr4vel-Kites", "new_password2": "Tr4vel-Kites"})
    assert done.status_code == 302
    world.member.refresh_from_db()
    assert world.member.check_password("Tr4vel-Kites")


def test_the_admin_password_forms_apply_the_rule(client, world):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("admin:auth_user_password_change", args=[world.member.pk])
    assert RULE in client.get(url).content.decode()
    refused = client.post(url, {"password1": "Tr4vel-Kite", "password2": "Tr4vel-Kite"})
    assert "too short" in refused.content.decode()
