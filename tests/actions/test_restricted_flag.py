"""Action.restricted always mirrors its agenda item: the access rule tests that column."""

import pytest

from actions.models import Action
from actions.visibility import visible_actions
from meetings import services
from meetings.models import AgendaItem, Meeting
from tests.agenda_fixtures import add

pytestmark = pytest.mark.django_db


def _action(world, item: AgendaItem | None, **fields) -> Action:
    n = Action.objects.count() + 1
    return Action.objects.create(
        committee=world.committee,
        meeting=item.meeting if item else fields.pop("meeting", None),
        agenda_item=item,
        reference=f"MC-{n:04d}",
        description=fields.pop("description", "Write to the Committee"),
        owning_agency=fields.pop("owning_agency", world.mps),
        **fields,
    )


def _open_item(meeting) -> AgendaItem:
    return meeting.items.get(title="Any other business")


def test_an_action_of_a_restricted_item_is_restricted_even_from_a_stale_item(world, meeting):
    item = _open_item(meeting)
    stale = AgendaItem.objects.get(pk=item.pk)
    services.item_restrict(item=item, expected_revision=None, restricted=True, agencies=[])
    assert stale.restricted is False
    action = _action(world, stale)
    assert action.restricted is True
    assert action not in visible_actions(world.member)
    assert action in visible_actions(world.chair)


def test_restricting_and_opening_an_item_carries_its_actions(world, meeting):
    item = _open_item(meeting)
    action = _action(world, item)
    assert Action.objects.get(pk=action.pk).restricted is False
    assert action in visible_actions(world.member)

    services.item_restrict(
        item=item, expected_revision=None, restricted=True, agencies=[world.safer_london]
    )
    assert Action.objects.get(pk=action.pk).restricted is True
    assert action not in visible_actions(world.member)
    assert action in visible_actions(world.partner_member)

    services.item_restrict(item=item, expected_revision=None, restricted=False)
    assert Action.objects.get(pk=action.pk).restricted is False
    assert action in visible_actions(world.member)


def test_moving_an_item_under_a_restricted_one_restricts_its_actions(world, meeting, secret_item):
    item = _open_item(meeting)
    action = _action(world, item)
    services.item_move(item=item, expected_revision=None, parent=secret_item)
    assert Action.objects.get(pk=action.pk).restricted is True
    assert action not in visible_actions(world.member)


def test_saving_with_update_fields_keeps_the_flag_true(world, secret_item):
    action = _action(world, secret_item)
    Action.objects.filter(pk=action.pk).update(restricted=False)
    action.description = "Changed"
    action.save(update_fields=["description"])
    assert Action.objects.get(pk=action.pk).restricted is True


def test_a_draft_meetings_actions_are_for_its_officers_only(world, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)
    with_item = _action(world, _open_item(meeting))
    without_item = _action(world, None, meeting=meeting)
    for officer in (world.chair, world.clerk):
        assert {with_item, without_item} <= set(visible_actions(officer))
    for partner in (world.lead, world.member, world.partner_member):
        assert not visible_actions(partner).exists()


def test_an_owning_agency_outside_sees_its_action_of_an_open_item(world, meeting):
    action = _action(world, _open_item(meeting), owning_agency=world.cps)
    assert list(visible_actions(world.outsider)) == [action]


def test_a_granted_outsider_sees_the_restricted_action_and_nothing_else_restricted(
    world, meeting, secret_item
):
    mine = _action(world, secret_item, owning_agency=world.cps, description="CPS only")
    services.item_restrict(
        item=secret_item, expected_revision=None, restricted=True, agencies=[world.cps]
    )
    other = add(meeting, "Second private item")
    services.item_restrict(item=other, expected_revision=None, restricted=True, agencies=[])
    _action(world, other, owning_agency=world.cps, description="Not granted")
    assert list(visible_actions(world.outsider)) == [mine]
