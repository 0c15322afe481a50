"""Bad query strings and addresses: 400 (or 404) in JSON with a clear message, never a 500."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.security.world import SecurityWorld

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query, field",
    [
        ("status=nonsense", "status"),
        ("meeting=²", "meeting"),
        ("meeting=99999999999999999999999", "meeting"),
        ("meeting=-1", "meeting"),
        ("agency=NOPE", "agency"),
        ("committee=justice-board", "committee"),
        ("overdue=perhaps", "overdue"),
        ("unassigned=2", "unassigned"),
        ("due_after=31/02/2015", "due_after"),
        ("due_before=9999-01-01", "due_before"),
    ],
)
def test_bad_action_filters(sworld: SecurityWorld, as_persona, query, field):
    answer = as_persona("member").get(f"/api/v1/actions/?{query}")
    assert answer.status_code == 400, answer.content
    assert field in answer.json()


def test_a_meeting_one_may_not_see_is_a_bad_filter(sworld: SecurityWorld, as_persona):
    other = sworld.other_meeting.pk
    assert as_persona("member").get(f"/api/v1/items/?meeting={other}").status_code == 400
    assert as_persona("member").get(f"/api/v1/actions/?meeting={other}").status_code == 400
    assert as_persona("member").get("/api/v1/items/?meeting=²").status_code == 400


def test_bad_meeting_filters(sworld: SecurityWorld, as_persona):
    client = as_persona("member")
    assert client.get("/api/v1/meetings/?status=nonsense").status_code == 400
    assert client.get("/api/v1/meetings/?committee=" + "x" * 40).status_code == 400
    assert client.get("/api/v1/meetings/?committee=nobody").json()["count"] == 0


def test_nul_is_refused_in_json(sworld: SecurityWorld, as_persona):
    answer = as_persona("member").get("/api/v1/actions/?agency=M%00PS")
    assert answer.status_code == 400 and "NUL" in answer.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/actions/abc/",
        "/api/v1/actions/99999999999999999999/",
        "/api/v1/nothing/",
        "/api/v2/actions/",
        "/api/v1/committees/%C2%B2/",
    ],
)
def test_unknown_addresses_are_json_404(sworld: SecurityWorld, as_persona, path):
    answer = as_persona("member").get(path)
    assert answer.status_code == 404 and answer.json() == {"detail": "Not found."}


def test_unknown_addresses_do_not_redirect_anonymous(sworld: SecurityWorld):
    answer = APIClient().get("/api/v1/nothing/")
    assert answer.status_code == 404 and answer["Content-Type"] == "application/json"


def test_bad_pages(sworld: SecurityWorld, as_persona):
    client = as_persona("chair")
    assert client.get("/api/v1/actions/?page=999").status_code == 404
    assert client.get("/api/v1/actions/?page=abc").status_code == 404
    assert client.get("/api/v1/actions/?page_size=abc").status_code == 200
    assert client.get("/api/v1/actions/?page_size=100000").json()["count"] == 3
