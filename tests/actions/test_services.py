"""Actions: who records, assigns, updates, completes, closes; transitions; visibility."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from actions import services
from actions.models import Action
from actions.visibility import access_action, visible_actions
from tests.factories import person_in

pytestmark = pytest.mark.django_db
S = Action.Status


@pytest.fixture
def action(world, meeting):
    item = meeting.items.get(title="Minutes of the last meeting")
    created, _ = services.action_create(
        by=world.clerk,
        committee=world.committee,
        agenda_item=item,
        description="Write to the Committee with the number of CSE referrals by borough",
        owning_agency=world.mps,
        due_date=timezone.localdate() + datetime.timedelta(days=14),
    )
    return created


@pytest.fixture
def secret_action(world, secret_item):
    created, _ = services.action_create(
        by=world.chair,
        committee=world.committee,
        agenda_item=secret_item,
        description="Arrange ISVA support for the survivor who gave testimony",
        owning_agency=world.mopac,
    )
    return created


def test_only_officers_record_actions(world, meeting):
    with pytest.raises(PermissionDenied):
        services.action_create(
            by=world.lead, committee=world.committee, description="x", owning_agency=world.mps
        )
    assert not Action.objects.exists()


def test_reference_is_stable_and_unassigned_is_the_default(world, action):
    assert action.reference == "MOPAC-CHALLENGE-0001"
    assert action.owner is None and action.meeting_id == action.agenda_item.meeting_id


def test_a_due_date_in_the_past_is_allowed_but_flagged(world):
    created, warnings = services.action_create(
        by=world.chair,
        committee=world.committee,
        description="Late already",
        owning_agency=world.mps,
        due_date=datetime.date(2015, 1, 1),
    )
    assert created.pk and warnings == [
        "The due date is in the past, so the action is already overdue."
    ]


def test_owner_must_belong_to_the_owning_agency(world):
    with pytest.raises(ValidationError):
        services.action_create(
            by=world.chair,
            committee=world.committee,
            description="x",
            owning_agency=world.mps,
            owner=world.partner_member,
        )


def test_the_lead_assigns_a_member_of_their_agency(world, action):
    services.action_assign(by=world.lead, action=action, owner=world.member)
    action.refresh_from_db()
    assert action.owner == world.member
    assert action.updates.last().note == f"Assigned to {world.member}."


@pytest.mark.parametrize("persona", ["member", "partner_member", "outsider"])
def test_others_cannot_assign(world, action, persona):
    with pytest.raises(PermissionDenied):
        services.action_assign(by=getattr(world, persona), action=action, owner=world.member)


def test_owner_updates_and_completes_but_cannot_close(world, action):
    services.action_assign(by=world.lead, action=action, owner=world.member)
    services.action_update(
        by=world.member, action=action, note="Letter drafted", status=S.IN_PROGRESS
    )
    services.action_update(by=world.member, action=action, status=S.COMPLETED)
    with pytest.raises(ValidationError):
        services.action_update(by=world.member, action=action, status=S.CLOSED)
    action.refresh_from_db()
    assert action.status == S.COMPLETED
    moves = [(u.status_from, u.status_to) for u in action.updates.all() if u.status_to]
    assert moves == [("open", "in_progress"), ("in_progress", "completed")]


@pytest.mark.parametrize("persona", ["chair", "clerk"])
def test_only_officers_close_or_drop(world, action, persona):
    services.action_update(
        by=getattr(world, persona), action=action, status=S.DROPPED, note="Superseded"
    )
    action.refresh_from_db()
    assert action.status == S.DROPPED


def test_a_member_not_assigned_cannot_update(world, action):
    with pytest.raises(PermissionDenied):
        services.action_update(by=world.member, action=action, note="Hello")


def test_completing_a_closed_action_is_refused_and_changes_nothing(world, action):
    services.action_update(by=world.chair, action=action, status=S.CLOSED)
    with pytest.raises(ValidationError, match="closed cannot be marked completed"):
        services.action_update(by=world.lead, action=action, status=S.COMPLETED)
    action.refresh_from_db()
    assert action.status == S.CLOSED and action.updates.count() == 1


def test_an_empty_update_is_refused(world, action):
    with pytest.raises(ValidationError):
        services.action_update(by=world.lead, action=action, note="  ")


def test_actions_of_a_restricted_item_follow_its_access(world, action, secret_action):
    assert set(visible_actions(world.member)) == {action}
    assert set(visible_actions(person_in(world.mopac))) == {action, secret_action}
    assert set(visible_actions(world.chair)) == {action, secret_action}
    assert not visible_actions(world.outsider).exists()
    from django.http import Http404

    with pytest.raises(Http404):
        access_action(world.member, secret_action.pk)
