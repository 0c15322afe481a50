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
