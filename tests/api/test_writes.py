"""Progress updates through the API: the page's rules (who, which status changes, limits) and
bad input answered 400 with a message, nothing half-saved, never a 500."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actions.models import Action, ActionUpdate
from core.fields import LONG_LIMIT
from tests.security.world import PDF_BYTES, SecurityWorld

pytestmark = pytest.mark.django_db


def url(action: Action) -> str:
    return f"/api/v1/actions/{action.pk}/updates/"


def test_the_owner_completes_their_action(sworld: SecurityWorld, as_persona):
    answer = as_persona("granted").post(
        url(sworld.action), {"note": "Done", "status": "completed"}, format="json"
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["action_status"] == "completed" and body["status_from"] == "open"
    sworld.action.refresh_from_db()
    assert sworld.action.status == "completed"


def test_only_officers_close(sworld: SecurityWorld, as_persona):
    refused = as_persona("granted").post(url(sworld.action), {"status": "closed"}, format="json")
    assert refused.status_code == 400 and "cannot be marked closed" in refused.json()["status"][0]
    assert as_persona("chair").post(url(sworld.action), {"status": "closed"}).status_code == 201
    sworld.action.refresh_from_db()
    assert sworld.action.status == "closed"


def test_those_who_may_not_update_are_refused(sworld: SecurityWorld, as_persona):
    before = ActionUpdate.objects.count()
    # The MPS member sees the public action but neither owns nor leads it.
    refused = as_persona("member").post(url(sworld.public_action), {"note": "Mine now"})
    assert refused.status_code == 403 and "detail" in refused.json()
    # The MPS lead may.
    assert as_persona("lead").post(url(sworld.public_action), {"note": "Ours"}).status_code == 201
    assert ActionUpdate.objects.count() == before + 1


@pytest.mark.parametrize(
    "data, field",
    [
        ({}, "note"),
        ({"note": "   "}, "note"),
        ({"status": "nonsense"}, "status"),
        ({"note": "x" * (LONG_LIMIT + 1)}, "note"),
        ({"note": "a\x00b"}, "note"),
        ({"note": ["a", "b"]}, "note"),
        ({"note": 12, "status": 3}, "status"),
    ],
)
def test_bad_input_is_400_with_a_message(sworld: SecurityWorld, as_persona, data, field):
    before = ActionUpdate.objects.count()
    answer = as_persona("granted").post(url(sworld.action), data, format="json")
    assert answer.status_code == 400, answer.content
    assert field in answer.json()
    assert ActionUpdate.objects.count() == before


@pytest.mark.parametrize(
    "body, content_type",
    [
        ('{"note": ', "application/json"),
        ("[1, 2]", "application/json"),
        ('"just a string"', "application/json"),
        ("\xff\xfe", "application/json"),
        ("note=x", "text/plain"),
    ],
)
def test_bad_bodies_are_4xx(sworld: SecurityWorld, as_persona, body, content_type):
    answer = as_persona("granted").generic(
        "POST", url(sworld.action), body.encode("latin-1"), content_type=content_type
    )
    assert answer.status_code in (400, 415), answer.content
    assert "detail" in answer.json() or "non_field_errors" in answer.json()


def test_evidence_is_checked_like_the_page(sworld: SecurityWorld, as_persona):
    client = as_persona("granted")
    fake = SimpleUploadedFile("letter.pdf", b"MZ not a pdf", content_type="application/pdf")
    refused = client.post(url(sworld.action), {"note": "Letter", "evidence": fake})
    assert refused.status_code == 400 and "evidence" in refused.json()
    letter = SimpleUploadedFile("letter.pdf", PDF_BYTES, content_type="application/pdf")
    done = client.post(url(sworld.action), {"note": "Letter", "evidence": letter})
    assert done.status_code == 201, done.content
    assert done.json()["evidence_name"] == "letter.pdf"


def test_reads_only_methods_are_refused(sworld: SecurityWorld, as_persona):
    client = as_persona("chair")
    assert client.delete(f"/api/v1/actions/{sworld.action.pk}/").status_code == 405
    assert client.put(f"/api/v1/committees/{sworld.committee.short_name}/", {}).status_code == 405
    assert client.get(url(sworld.action)).status_code == 405


def test_an_update_sent_twice_with_one_key_is_recorded_once(sworld: SecurityWorld, as_persona):
    client = as_persona("granted")
    key = {"HTTP_IDEMPOTENCY_KEY": "8a6e0804-2bd0-4672-b79f-d7ecad8bd3b6"}
    before = ActionUpdate.objects.count()
    first = client.post(url(sworld.action), {"note": "Once"}, format="json", **key)
    again = client.post(url(sworld.action), {"note": "Once"}, format="json", **key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert ActionUpdate.objects.count() == before + 1
    # Without a key, or with another, it is a new update.
    assert client.post(url(sworld.action), {"note": "Twice"}).status_code == 201
    other = client.post(url(sworld.public_action), {"note": "x"}, **key)
    assert other.status_code in (400, 403)


def test_a_refused_update_does_not_use_up_its_key(sworld: SecurityWorld, as_persona):
    client = as_persona("granted")
    key = {"HTTP_IDEMPOTENCY_KEY": "0d4b3e9c-59c8-4c1e-9a51-1c3f5d1f2a77"}
    refused = client.post(url(sworld.action), {"status": "closed"}, format="json", **key)
    assert refused.status_code == 400
    done = client.post(url(sworld.action), {"status": "completed"}, format="json", **key)
    assert done.status_code == 201


def test_a_bad_key_is_400(sworld: SecurityWorld, as_persona):
    answer = as_persona("granted").post(
        url(sworld.action), {"note": "x"}, format="json", HTTP_IDEMPOTENCY_KEY="not-a-uuid"
    )
    assert answer.status_code == 400 and "Idempotency-Key" in answer.json()
