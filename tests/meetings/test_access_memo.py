"""The access rule's request memo: one read per request, and never stale outside one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.request_memo import request_memo
from meetings import access
from meetings.models import Committee

pytestmark = pytest.mark.django_db


def test_outside_a_request_a_new_chair_counts_at_once(world):
    other = Committee.objects.create(name="Other board", short_name="other", host=world.cps)
    assert not access.is_committee_officer(world.lead, other)
    other.chairs.add(world.lead)
    assert access.is_committee_officer(world.lead, other)
    assert other in access.partner_committees(world.lead)


def test_inside_a_request_the_sets_are_read_once(world):
    with request_memo():
        access.is_committee_officer(world.chair, world.committee)
        with CaptureQueriesContext(connection) as queries:
            assert access.is_committee_officer(world.chair, world.committee)
            list(access.visible_meetings(world.chair))
        assert len(queries.captured_queries) == 1  # the meetings themselves


def test_the_memo_is_per_person_and_forget_drops_it(world):
    with request_memo():
        assert access.is_committee_officer(world.chair, world.committee)
        assert not access.is_committee_officer(world.lead, world.committee)
        world.committee.secretariat.add(world.lead)
        assert not access.is_committee_officer(
            world.lead, world.committee
        )  # one request, one answer
        access.forget(world.lead)
        assert access.is_committee_officer(world.lead, world.committee)
        assert access.is_committee_officer(world.chair, world.committee)


def test_a_request_never_sees_another_requests_memo(world, signed_in):
    client = signed_in(world.lead)
    url = f"/actions/?committee={world.committee.short_name}"
    assert client.get(url).status_code == 200
    world.committee.member_agencies.remove(world.mps)
    assert client.get(url).status_code == 400  # no longer one of theirs: the filter refuses it


def _people(world):
    return [
        world.chair,
        world.clerk,
        world.lead,
        world.member,
        world.manager,
        world.partner_member,
        world.outsider,
    ]


def test_meeting_items_answers_as_visible_agenda_items_in_and_out_of_a_request(
    world, meeting, secret_item
):
    from meetings import services
    from meetings.models import Meeting
    from tests.agenda_fixtures import add, after_meeting, at

    draft = services.meeting_create(
        committee=world.committee,
        title="Draft",
        starts_at=at(after_meeting(30), "10:00"),
        ends_at=at(after_meeting(30), "12:00"),
        use_template=False,
    )
    add(draft, "Not yet published")
    granted = add(meeting, "Granted to Safer London")
    services.item_restrict(
        item=granted, expected_revision=None, restricted=True, agencies=[world.safer_london]
    )
    assert draft.status == Meeting.Status.DRAFT
    seen = set()
    for person in _people(world):
        for m in (meeting, draft):
            expected = set(access.visible_agenda_items(person).filter(meeting=m))
            assert set(access.meeting_items(person, m)) == expected
            with request_memo():
                assert set(access.meeting_items(person, m)) == expected
            seen.add((person.email, m.title, len(expected)))
    counts = {(email, title): n for email, title, n in seen}
    assert counts["member@saferlondon.example", meeting.title] == 4  # 3 open + the grant
    assert counts["member@met.example", meeting.title] == 3
    assert counts["chair@mopac.example", meeting.title] == 5
    assert counts["chair@mopac.example", "Draft"] == 1
    assert counts["member@met.example", "Draft"] == 0
    assert counts["outsider@cps.example", meeting.title] == 0
