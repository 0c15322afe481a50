"""One access decision per person and meeting (access.MeetingViewer), the same as the rule's
querysets, decided once within a request and handed to the agenda, attendance and minutes."""

from __future__ import annotations

import pytest

from core.request_memo import request_memo
from meetings import access

pytestmark = pytest.mark.django_db


def test_the_viewer_answers_as_the_rule_does(world, meeting, secret_item):
    people = [world.chair, world.clerk, world.lead, world.member, world.partner_member]
    for person in people:
        viewer = access.meeting_viewer(person, meeting)
        expected = set(
            access.visible_agenda_items(person).filter(meeting=meeting).values_list("id", flat=True)
        )
        assert viewer.item_ids == expected
        assert viewer.runs_it == access.is_committee_officer(person, meeting.committee)
        assert viewer.sees_item(secret_item.id) == (secret_item.id in expected)
        assert viewer.sees_item(None)
    assert access.meeting_viewer(world.lead, meeting).lead_agency_ids == {world.mps.id}
    assert access.meeting_viewer(world.member, meeting).lead_agency_ids == frozenset()


def test_within_a_request_the_decision_is_made_once(world, meeting):
    with request_memo():
        first = access.meeting_viewer(world.member, meeting)
        assert access.meeting_viewer(world.member, meeting) is first
        assert access.meeting_viewer(world.lead, meeting) is not first
    assert access.meeting_viewer(world.member, meeting) is not first
