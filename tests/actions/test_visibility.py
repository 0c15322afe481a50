"""An agency asked to act sees the action even when it does not sit on the committee."""

import pytest

from actions.models import Action
from actions.visibility import access_action, visible_actions
from tests.factories import AgencyFactory, person_in

pytestmark = pytest.mark.django_db


def _action(world, **fields) -> Action:
    n = Action.objects.count() + 1
    return Action.objects.create(
        committee=world.committee,
        reference=f"MC-{n:04d}",
        description=fields.pop("description", "Write to the Committee"),
        owning_agency=fields.pop("owning_agency", world.mps),
        **fields,
    )


def test_an_owning_agency_outside_the_committee_sees_its_action(world):
    action = _action(world, owning_agency=world.cps, description="CPS to share charging data")
    assert list(visible_actions(world.outsider)) == [action]
    assert access_action(world.outsider, action.pk) == action
    other = _action(world, description="MPS only")
    assert other not in visible_actions(world.outsider)


def test_a_co_owning_agency_sees_it_once_and_others_outside_do_not(world):
    action = _action(world, description="Joint protocol")
    action.co_agencies.set([world.cps])
    assert list(visible_actions(world.outsider)) == [action]
    stranger = person_in(AgencyFactory(short_name="LFB"))
    assert not visible_actions(stranger).exists()


def test_an_owning_agency_outside_without_the_grant_never_sees_a_restricted_action(
    world, secret_item
):
    _action(
        world,
        owning_agency=world.cps,
        agenda_item=secret_item,
        meeting=secret_item.meeting,
        description="Arrange ISVA support",
    )
    assert not visible_actions(world.outsider).exists()
    assert visible_actions(world.chair).count() == 1


def test_row_by_row_grant_checks_see_exactly_what_the_hashed_ones_see(world, secret_item):
    """visible_actions(few=True), for a list's first rows, is the same rule: a grant to a
    person and a grant to an agency both count, and nobody else sees the restricted action."""
    from meetings import services as meeting_services

    restricted = _action(
        world, agenda_item=secret_item, meeting=secret_item.meeting, description="ISVA"
    )
    open_one = _action(world, description="Share the figures")
    people = [world.chair, world.clerk, world.lead, world.member, world.manager]
    people += [world.partner_member, world.outsider]
    seen = set(visible_actions(world.member, few=True))
    assert restricted not in seen and open_one in seen  # restricted to MOPAC by the fixture
    meeting_services.item_restrict(
        item=secret_item,
        expected_revision=None,
        restricted=True,
        agencies=[world.mopac, world.safer_london],
        users=[world.member],
    )
    for person in people:
        hashed = set(visible_actions(person))
        assert set(visible_actions(person, few=True)) == hashed, person.email
    assert restricted in visible_actions(world.member, few=True)  # granted in person
    assert restricted in visible_actions(world.partner_member, few=True)  # through Safer London
    assert restricted not in visible_actions(world.lead, few=True)  # the MPS is not granted
