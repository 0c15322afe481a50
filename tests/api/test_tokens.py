"""API tokens: made on the account's page and shown once, listed without their secret, used by
scripts as `Authorization: Token ...`, revoked; a bad token never reaches a 500."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from api.models import ApiToken
from core.once import new_token
from tests.security.world import SecurityWorld

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"


def signed_in(sworld: SecurityWorld, persona: str) -> Client:
    client = Client()
    client.force_login(sworld.users[persona], backend=BACKEND)
    return client


def make_token(client: Client, name: str = "Monthly report") -> str:
    page = client.post("/api/tokens/", {"name": name, "submit_token": new_token()})
    assert page.status_code == 200, page.content
    return re.search(r'id="token-secret">(pm_[0-9a-f]+)<', page.content.decode()).group(1)


def with_token(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def test_made_shown_once_listed_without_secret(sworld: SecurityWorld):
    browser = signed_in(sworld, "member")
    secret = make_token(browser)
    token = ApiToken.objects.get(user=sworld.users["member"])
    assert token.name == "Monthly report" and token.digest != secret
    assert secret not in str(ApiToken.objects.values_list())  # only its digest is stored
    listing = browser.get("/api/tokens/").content.decode()
    assert "Monthly report" in listing and secret not in listing and "Never" in listing


def test_a_form_sent_twice_makes_one_token(sworld: SecurityWorld):
    browser = signed_in(sworld, "member")
    form = {"name": "Twice", "submit_token": new_token()}
    assert browser.post("/api/tokens/", form).status_code == 200
    again = browser.post("/api/tokens/", form)
    assert again.status_code == 302 and ApiToken.objects.filter(name="Twice").count() == 1


def test_a_token_reads_as_its_owner_and_notes_its_use(sworld: SecurityWorld):
    secret = make_token(signed_in(sworld, "member"))
    client = with_token(secret)
    rows = client.get("/api/v1/actions/").json()
    assert rows["count"] == 1 and rows["results"][0]["id"] == sworld.public_action.pk
    assert client.get(f"/api/v1/actions/{sworld.action.pk}/").status_code == 404
    assert ApiToken.objects.get().last_used_at is not None
    chair = with_token(make_token(signed_in(sworld, "chair")))
    assert chair.get(f"/api/v1/actions/{sworld.action.pk}/").status_code == 200


def test_a_token_writes_without_csrf(sworld: SecurityWorld):
    client = with_token(make_token(signed_in(sworld, "granted")))
    client.handler.enforce_csrf_checks = True
    answer = client.post(f"/api/v1/actions/{sworld.action.pk}/updates/", {"note": "By script"})
    assert answer.status_code == 201, answer.content


def test_revoked_tokens_stop_working(sworld: SecurityWorld):
    browser = signed_in(sworld, "member")
    secret = make_token(browser)
    client = with_token(secret)
    assert client.get("/api/v1/committees/").status_code == 200
    token = ApiToken.objects.get()
    # Someone else cannot revoke it.
    signed_in(sworld, "lead").post("/api/tokens/", {"revoke": "1", "digest": token.digest})
    assert client.get("/api/v1/committees/").status_code == 200
    done = browser.post("/api/tokens/", {"revoke": "1", "digest": token.digest}, follow=True)
    assert "was revoked" in done.content.decode()
    refused = client.get("/api/v1/committees/")
    assert refused.status_code == 401 and "Invalid token" in refused.json()["detail"]
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    "header",
    [
        b"Token pm_0000",
        b"Token",
        b"Token a b",
        b"Token \xff\xfe",
        b"Token pm\x00x",
        b"Token " + b"a" * 500,
    ],
)
def test_bad_tokens_answer_401(sworld: SecurityWorld, header: bytes):
    client = APIClient()
    answer = client.get("/api/v1/committees/", HTTP_AUTHORIZATION=header.decode("latin-1"))
    assert answer.status_code == 401 and "detail" in answer.json()


def test_without_credentials_401_not_a_redirect(sworld: SecurityWorld):
    for url in ("/api/v1/actions/", f"/api/v1/actions/{sworld.action.pk}/", "/api/v1/items/"):
        answer = APIClient().get(url)
        assert answer.status_code == 401 and answer["WWW-Authenticate"] == "Token"
        assert answer["Content-Type"] == "application/json"
    posted = APIClient().post(f"/api/v1/actions/{sworld.action.pk}/updates/", {"note": "x"})
    assert posted.status_code == 401


def test_a_session_write_needs_csrf(sworld: SecurityWorld):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(sworld.users["granted"], backend=BACKEND)
    refused = client.post(f"/api/v1/actions/{sworld.action.pk}/updates/", {"note": "x"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]


def test_name_is_required_and_bounded(sworld: SecurityWorld):
    browser = signed_in(sworld, "member")
    for name in ("", "x" * 101, "two\nlines"):
        page = browser.post("/api/tokens/", {"name": name, "submit_token": new_token()})
        assert page.status_code == 400
    assert not ApiToken.objects.exists()


def test_the_page_needs_a_session(sworld: SecurityWorld):
    assert Client().get("/api/tokens/").status_code == 302


def test_a_person_holds_at_most_twenty_tokens(sworld: SecurityWorld):
    browser = signed_in(sworld, "member")
    for number in range(20):
        make_token(browser, f"Script {number}")
    refused = browser.post("/api/tokens/", {"name": "One more", "submit_token": new_token()})
    assert refused.status_code == 400 and "revoke one" in refused.content.decode()
    assert ApiToken.objects.filter(user=sworld.users["member"]).count() == 20


def test_the_token_of_someone_deactivated_stops_working(sworld: SecurityWorld):
    client = with_token(make_token(signed_in(sworld, "member")))
    assert client.get("/api/v1/committees/").status_code == 200
    sworld.users["member"].is_active = False
    sworld.users["member"].save(update_fields=["is_active"])
    assert client.get("/api/v1/committees/").status_code == 401
