"""Home, the register (page, overdue filter, CSV) and the summary of actions (page and PDF)
answer in a number of queries that does not grow with rows, for every persona: actions of
every status, overdue and not, owned and unassigned, co-owned, with progress notes, on open
items and on restricted ones (granted to the MPS, and not), from two meetings.

The other query-budget tests grow one kind of row for one or three personas; these grow the
mixture a real register holds and check the people whose access differs most."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, ActionUpdate
from meetings import services as meeting_services
from tests.agenda_fixtures import add

from ..browser.journeys.personas import next_meeting

PERSONAS = ["chair", "member", "manager", "partner_member", "outsider"]
STATUSES = [
    Action.Status.OPEN,
    Action.Status.IN_PROGRESS,
    Action.Status.ONGOING,
    Action.Status.COMPLETED,
    Action.Status.CLOSED,
]


@pytest.fixture
def items(world, meeting, secret_item):
    """An open item, the item restricted to MOPAC, and one restricted to MOPAC and the MPS."""
    granted = add(meeting, "Case review granted to the MPS")
    meeting_services.item_restrict(
        item=granted, expected_revision=None, restricted=True, agencies=[world.mopac, world.mps]
    )
    return [meeting.items.get(title="Minutes of the last meeting"), secret_item, granted]


def _grow(world, meeting, items, n: int, tag: str) -> None:
    today = timezone.localdate()
    people = [None, world.member, world.lead]
    agencies = [world.mps, world.safer_london, world.mopac]
    for i in range(n):
        item = items[i % len(items)]
        action = Action.objects.create(
            committee=world.committee,
            meeting=meeting,
            agenda_item=item,
            reference=f"Q-{tag}-{i}",
            description=f"Action {tag} {i}",
            owning_agency=agencies[i % 3],
            owner=people[i % 3] if agencies[i % 3] == world.mps else None,
            due_date=today + datetime.timedelta(days=(i % 7) - 4) if i % 4 else None,
            status=STATUSES[(i // 3) % len(STATUSES)],
        )
        if i % 2:
            action.co_agencies.add(world.safer_london)
        ActionUpdate.objects.create(action=action, author=world.lead, note=f"Note {i}")


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", PERSONAS)
def test_home_register_and_summary_do_not_grow_with_rows(world, meeting, items, signed_in, persona):
    following = next_meeting(world.committee, "2999-01-05")
    register = reverse("actions:register")
    urls = [
        reverse("home"),
        f"{register}?scope=all",
        f"{register}?scope=agency",
        f"{register}?scope=all&overdue=on",
        reverse("actions:csv") + "?scope=all",
    ]
    if persona != "outsider":
        urls += [
            reverse("actions:summary", args=[following.pk]),
            reverse("actions:summary_pdf", args=[following.pk]),
        ]
    client = signed_in(getattr(world, persona))
    _grow(world, meeting, items, 15, "few")
    for url in urls:
        _queries(client, url)  # warm the session, content types and the like
    few = {url: _queries(client, url) for url in urls}
    _grow(world, meeting, items, 45, "many")
    many = {url: _queries(client, url) for url in urls}
    assert many == few
