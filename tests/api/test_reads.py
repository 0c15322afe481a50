"""Every read endpoint as the chair and as a member without grants: restricted items and their
actions are absent from lists (and from counts) and 404 on detail; restricted reads are logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from actions import services as action_services
from audit.models import RestrictedRead
from meetings import services as meeting_services
from tests.security.world import SECRETS, SecurityWorld

pytestmark = pytest.mark.django_db


def ids(response) -> set:
    """The ids of a list's rows."""
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_committees_by_short_name(sworld: SecurityWorld, as_persona):
    for persona in ("chair", "member"):
        client = as_persona(persona)
        assert ids(client.get("/api/v1/committees/")) == {sworld.committee.pk}
        page = client.get(f"/api/v1/committees/{sworld.committee.short_name}/").json()
        assert page["host"] == "MOPAC" and page["member_agencies"] == ["MPS", "SL"]
        # A committee the person is not a partner of does not exist for them.
        other = client.get(f"/api/v1/committees/{sworld.other_committee.short_name}/")
        assert other.status_code == 404 and other.json() == {"detail": "Not found."}


def test_meetings_drafts_only_for_officers(sworld: SecurityWorld, as_persona):
    draft = meeting_services.meeting_create(
        committee=sworld.committee,
        title="Draft session",
        starts_at=timezone.now() + timedelta(days=40),
        ends_at=timezone.now() + timedelta(days=40, hours=2),
        location="",
        use_template=False,
    )
    chair, member = as_persona("chair"), as_persona("member")
    assert draft.pk in ids(chair.get("/api/v1/meetings/"))
    assert draft.pk not in ids(member.get("/api/v1/meetings/"))
    assert chair.get(f"/api/v1/meetings/{draft.pk}/").json()["status"] == "draft"
    assert member.get(f"/api/v1/meetings/{draft.pk}/").status_code == 404
    listed = member.get(f"/api/v1/meetings/?committee={sworld.committee.short_name}").json()
    assert listed["count"] == 2
    # Its items and actions too.
    item = meeting_services.item_create(meeting=draft, expected_revision=None, title="Draft item")
    action, _ = action_services.action_create(
        by=sworld.users["clerk"],
        committee=sworld.committee,
        meeting=draft,
        agenda_item=item,
        description="Draft action",
        owning_agency=sworld.mps,
    )
    assert chair.get(f"/api/v1/items/{item.pk}/").status_code == 200
    assert member.get(f"/api/v1/items/{item.pk}/").status_code == 404
    assert member.get(f"/api/v1/items/?meeting={draft.pk}").status_code == 400
    assert item.pk not in ids(member.get("/api/v1/items/"))
    assert chair.get(f"/api/v1/actions/{action.pk}/").status_code == 200
    assert member.get(f"/api/v1/actions/{action.pk}/").status_code == 404
    assert action.pk not in ids(member.get("/api/v1/actions/?agency=MPS"))


def test_items_restricted_absent_and_404(sworld: SecurityWorld, as_persona):
    url = f"/api/v1/items/?meeting={sworld.meeting.pk}"
    chair, member = as_persona("chair"), as_persona("member")
    restricted = {sworld.item.pk, sworld.sub_item.pk}
    assert restricted <= ids(chair.get(url))
    seen = member.get(url)
    assert not restricted & ids(seen)
    assert seen.json()["count"] == len(ids(seen)) == 4
    assert SECRETS["title"] not in seen.content.decode()
    for pk in restricted:
        assert member.get(f"/api/v1/items/{pk}/").status_code == 404
    item = chair.get(f"/api/v1/items/{sworld.item.pk}/").json()
    assert item["number"] == "3" and item["restricted"] is True
    assert item["papers"][0]["url"] == f"/meetings/papers/{sworld.paper.pk}/"
    # The granted agency's member sees it too.
    assert as_persona("granted").get(f"/api/v1/items/{sworld.item.pk}/").status_code == 200


def test_numbers_follow_the_agenda(sworld: SecurityWorld, as_persona):
    rows = as_persona("member").get(f"/api/v1/items/?meeting={sworld.meeting.pk}").json()
    numbers = {row["title"]: row["number"] for row in rows["results"]}
    assert numbers["Neighbourhood policing"] == "4"
    assert numbers["Any other business"] == "5"


def test_actions_restricted_absent_and_404(sworld: SecurityWorld, as_persona):
    chair, member = as_persona("chair"), as_persona("member")
    restricted = {sworld.action.pk, sworld.action_mps.pk}
    assert restricted | {sworld.public_action.pk} <= ids(chair.get("/api/v1/actions/"))
    seen = member.get("/api/v1/actions/")
    assert ids(seen) == {sworld.public_action.pk} and seen.json()["count"] == 1
    body = seen.content.decode()
    assert sworld.action.reference not in body and sworld.action_mps.reference not in body
    for pk in restricted:
        assert member.get(f"/api/v1/actions/{pk}/").status_code == 404
        assert member.post(f"/api/v1/actions/{pk}/updates/", {"note": "x"}).status_code == 404


def test_action_detail_has_updates_and_moves(sworld: SecurityWorld, as_persona):
    page = as_persona("granted").get(f"/api/v1/actions/{sworld.action.pk}/").json()
    assert page["may_update"] is True
    assert "completed" in page["allowed_statuses"] and "closed" not in page["allowed_statuses"]
    assert any(SECRETS["note"] in update["note"] for update in page["updates"])
    evidence = [u for u in page["updates"] if u["evidence_url"]]
    assert evidence and evidence[0]["evidence_url"].startswith("/actions/evidence/")
    chair = as_persona("chair").get(f"/api/v1/actions/{sworld.action.pk}/").json()
    assert "closed" in chair["allowed_statuses"]
    public = as_persona("member").get(f"/api/v1/actions/{sworld.public_action.pk}/").json()
    assert public["may_update"] is False and public["allowed_statuses"] == []


def test_register_filters(sworld: SecurityWorld, as_persona):
    chair = as_persona("chair")
    mps = ids(chair.get("/api/v1/actions/?agency=MPS"))
    assert sworld.action_mps.pk in mps and sworld.action.pk not in mps
    overdue = ids(
        chair.get(f"/api/v1/actions/?committee={sworld.committee.short_name}&overdue=true")
    )
    assert {sworld.action.pk, sworld.action_mps.pk} <= overdue
    assert not ids(chair.get("/api/v1/actions/?overdue=true&status=closed"))
    assert ids(chair.get("/api/v1/actions/?overdue=false")).isdisjoint(overdue)
    by_meeting = ids(chair.get(f"/api/v1/actions/?meeting={sworld.meeting.pk}"))
    assert sworld.action.pk in by_meeting


def test_restricted_reads_are_logged(sworld: SecurityWorld, as_persona):
    chair = as_persona("chair")
    before = RestrictedRead.objects.count()
    chair.get("/api/v1/actions/")
    chair.get(f"/api/v1/items/{sworld.item.pk}/")
    surfaces = set(RestrictedRead.objects.order_by("id")[before:].values_list("surface", flat=True))
    assert {"api:action-list", "api:item"} <= surfaces
    # The member's reads show nothing restricted, so nothing is logged.
    before = RestrictedRead.objects.count()
    as_persona("member").get("/api/v1/actions/")
    assert RestrictedRead.objects.count() == before
