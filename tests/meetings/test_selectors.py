"""Agenda tree: ordering, numbering, timings and placeholders."""

import pytest
from django.utils import timezone

from meetings import selectors, services
from meetings.access import meeting_viewer
from meetings.models import AgendaItem
from tests.agenda_fixtures import MEETING_DAY, SECRET, add, at
from tests.factories import person_in

pytestmark = pytest.mark.django_db


def _numbers(user, meeting):
    return [(r.number, r.label) for r in selectors.agenda_for(meeting_viewer(user, meeting)).rows]


def test_items_are_numbered_in_order_with_timings(world, meeting):
    agenda = selectors.agenda_for(meeting_viewer(world.chair, meeting))
    assert [r.number for r in agenda.rows] == ["1", "2", "3", "4"]
    assert [r.starts_at for r in agenda.rows] == [
        at(MEETING_DAY, "10:00"),
        at(MEETING_DAY, "10:05"),
        at(MEETING_DAY, "10:15"),
        at(MEETING_DAY, "10:45"),
    ]
    assert agenda.ends_at == at(MEETING_DAY, "10:50")


def test_parts_items_and_sub_items_get_derived_numbers(world, db):
    m = services.meeting_create(
        committee=world.committee,
        title="Parts",
        starts_at=at(MEETING_DAY, "10:00"),
        ends_at=at(MEETING_DAY, "12:00"),
        use_template=False,
    )
    part1 = add(m, "Part one", kind=AgendaItem.Kind.PART)
    add(m, "Welcome", parent=part1, planned_minutes=5)
    five = add(m, "Panel", parent=part1, planned_minutes=40)
    add(m, "Police", parent=five, planned_minutes=10)
    add(m, "Health", parent=five, planned_minutes=10)
    part2 = add(m, "Part two", kind=AgendaItem.Kind.PART)
    add(m, "Questions", parent=part2, planned_minutes=20)
    rows = selectors.agenda_for(meeting_viewer(world.chair, m)).rows
    assert [r.number for r in rows] == ["Part 1", "1", "2", "2.1", "2.2", "Part 2", "3"]
    # The panel's own 40 minutes are a budget for its two 10-minute sub-items.
    times = {r.number: timezone.localtime(r.starts_at).strftime("%H:%M") for r in rows}
    assert times == {
        "Part 1": "10:00",
        "1": "10:00",
        "2": "10:05",
        "2.1": "10:05",
        "2.2": "10:15",
        "Part 2": "10:45",
        "3": "10:45",
    }


def test_restricted_item_is_a_placeholder_for_those_without_the_grant(world, meeting):
    assert _numbers(world.member, meeting)[2] == ("3", "Restricted item 3")
    row = selectors.agenda_for(meeting_viewer(world.member, meeting)).rows[2]
    assert row.item is None


@pytest.mark.parametrize("persona", ["chair", "clerk"])
def test_officers_see_the_restricted_item(world, meeting, persona):
    assert _numbers(getattr(world, persona), meeting)[2] == ("3", SECRET)


def test_people_of_the_granted_agency_see_it(world, meeting):
    assert _numbers(person_in(world.mopac), meeting)[2] == ("3", SECRET)


def test_a_single_person_grant_opens_it_to_that_person_only(world, meeting, secret_item):
    services.item_restrict(
        item=secret_item,
        expected_revision=None,
        restricted=True,
        agencies=[world.mopac],
        users=[world.lead],
    )
    assert _numbers(world.lead, meeting)[2] == ("3", SECRET)
    assert _numbers(world.member, meeting)[2] == ("3", "Restricted item 3")


def test_removing_the_grant_closes_it_again(world, meeting, secret_item):
    mopac_person = person_in(world.mopac)
    services.item_restrict(item=secret_item, expected_revision=None, restricted=True, agencies=[])
    assert _numbers(mopac_person, meeting)[2] == ("3", "Restricted item 3")


def test_opening_the_item_shows_it_to_every_partner(world, meeting, secret_item):
    services.item_restrict(item=secret_item, expected_revision=None, restricted=False)
    assert _numbers(world.member, meeting)[2] == ("3", SECRET)


def test_sub_items_of_a_restricted_item_are_restricted_with_it(world, meeting, secret_item):
    child = add(meeting, "Detail of the case", parent=secret_item)
    assert child.restricted
    labels = dict(_numbers(world.member, meeting))
    assert labels["3.1"] == "Restricted item 3.1"
    assert dict(_numbers(person_in(world.mopac), meeting))["3.1"] == "Detail of the case"


def test_a_model_level_permission_does_not_open_restricted_items(world, meeting):
    from django.contrib.auth.models import Permission

    world.member.user_permissions.add(Permission.objects.get(codename="view_agendaitem"))
    world.mps.group.permissions.add(Permission.objects.get(codename="view_agendaitem"))
    from agencies.models import User

    member = User.objects.get(pk=world.member.pk)
    assert _numbers(member, meeting)[2] == ("3", "Restricted item 3")


def test_deleting_a_restricted_item_leaves_no_grant_for_a_new_one(world, meeting, secret_item):
    from meetings.models import AgendaItemGroupObjectPermission

    services.item_delete(item=secret_item, expected_revision=None)
    assert not AgendaItemGroupObjectPermission.objects.exists()
    fresh = add(meeting, "Another private matter")
    services.item_restrict(item=fresh, expected_revision=None, restricted=True)
    assert dict(_numbers(person_in(world.mopac), meeting))["4"] == "Restricted item 4"


def test_outsiders_and_drafts(world, meeting):
    from meetings.access import visible_meetings
    from meetings.models import Meeting

    assert not visible_meetings(world.outsider).exists()
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)
    assert not visible_meetings(world.member).exists()
    assert visible_meetings(world.clerk).exists()
