"""Only the person renews their session: a page's own polling does not (its tab would otherwise
warn "signed out" while the session lives on, and a screen left open would stay signed in for
ever); each renewal tells the page's scripts when the session now ends."""

from __future__ import annotations

import time

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from core.sessions import BACKGROUND_HEADER, ENDS_COOKIE

pytestmark = pytest.mark.django_db


def _expiry(client) -> timezone.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _age_it(client, seconds: int) -> None:
    """Move the stored expiry back, as if the person had been idle."""
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + timezone.timedelta(seconds=seconds)
    )


def test_a_page_request_renews_the_session_and_says_when_it_ends(world, signed_in, settings):
    client = signed_in(world.member)
    _age_it(client, 60)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert _expiry(client) > timezone.now() + timezone.timedelta(seconds=60 * 5)
    ends = int(response.cookies[ENDS_COOKIE].value)
    assert abs(ends - (time.time() + settings.SESSION_COOKIE_AGE)) < 5
    assert not response.cookies[ENDS_COOKIE]["httponly"]


def test_a_background_request_does_not_renew_the_session(world, signed_in):
    client = signed_in(world.member)
    _age_it(client, 60)
    before = _expiry(client)
    response = client.get(reverse("home"), headers={BACKGROUND_HEADER: "1"})
    assert response.status_code == 200
    assert _expiry(client) == before
    assert ENDS_COOKIE not in response.cookies


def test_signing_out_clears_the_end_time(world, signed_in):
    client = signed_in(world.member)
    client.get(reverse("home"))
    response = client.post(reverse("logout"))
    assert response.cookies[ENDS_COOKIE].value == ""


def test_no_end_time_for_a_visitor(client):
    response = client.get("/account/sign-in/")
    assert ENDS_COOKIE not in response.cookies


def test_the_quorum_refresh_says_it_is_background() -> None:
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "static/js/attendance-quorum.js"
    assert f'"{BACKGROUND_HEADER}": "1"' in script.read_text()
