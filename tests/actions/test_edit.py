"""Issue 14 point 5: /actions/<pk>/edit/. Chairs and clerks edit wording, owner, agency and
deadline; the owning agency's lead the owner and deadline (its managers the owner); every change
is kept in a visible history; a stale edit is a 409 that keeps what was typed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.editing import action_edit, editable_fields
from actions.models import ActionChange

pytestmark = pytest.mark.django_db
WHAT = "Write to the Committee with CSE referrals by borough"
F = ActionChange.Field


@pytest.fixture
def action(world, meeting):
    created, _ = services.action_create(
        by=world.clerk,
        committee=world.committee,
        agenda_item=meeting.items.get(title="Minutes of the last meeting"),
        description=WHAT,
        owning_agency=world.mps,
        due_date=timezone.localdate() + datetime.timedelta(days=10),
        due_text="By the next meeting",
    )
    return created


def _url(action):
    return reverse("actions:edit", args=[action.pk])


def _post(action, **changes):
    data = {
        "revision": action.revision,
        "description": action.description,
        "owning_agency": action.owning_agency_id,
        "owner": action.owner_id or "",
        "due_date": action.due_date.isoformat() if action.due_date else "",
        "due_text": action.due_text,
    }
    data.update(changes)
    return data


def test_who_may_edit_what(world, action):
    assert editable_fields(world.clerk, action) == set(F.values)
    assert editable_fields(world.chair, action) == set(F.values)
    assert editable_fields(world.lead, action) == {F.OWNER, F.DUE_DATE, F.DUE_TEXT}
    assert editable_fields(world.manager, action) == {F.OWNER}
    for person in (world.member, world.partner_member, world.outsider):
        assert editable_fields(person, action) == set()


def test_the_clerk_edits_and_the_history_shows_old_and_new(world, action, signed_in):
    client = signed_in(world.clerk)
    assert client.get(_url(action)).status_code == 200
    new_due = timezone.localdate() + datetime.timedelta(days=40)
    response = client.post(
        _url(action),
        _post(
            action,
            description="Write to the Committee with CSE referrals by ward",
            owning_agency=world.safer_london.pk,
            owner=world.partner_member.pk,
            due_date=new_due.isoformat(),
        ),
        follow=True,
    )
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.description.endswith("by ward") and action.owner == world.partner_member
    assert action.owning_agency == world.safer_london and action.due_date == new_due
    changes = {c.field: (c.old_value, c.new_value) for c in action.changes.all()}
    assert changes[F.DESCRIPTION] == (WHAT, "Write to the Committee with CSE referrals by ward")
    assert changes[F.OWNING_AGENCY] == ("Metropolitan Police Service", "Safer London")
    assert changes[F.OWNER] == ("Unassigned", world.partner_member.full_name)
    assert changes[F.DUE_DATE][1] == f"{new_due.day} {new_due:%B %Y}"
    assert F.DUE_TEXT not in changes  # unchanged fields leave no history
    assert {c.author for c in action.changes.all()} == {world.clerk}
    page = response.content.decode()
    assert "History of changes" in page and "changed the wording" in page
    assert WHAT in page and world.clerk.full_name in page


def test_the_lead_edits_owner_and_deadline_but_not_the_wording(world, action, signed_in):
    client = signed_in(world.lead)
    page = client.get(_url(action)).content.decode()
    assert 'name="due_date"' in page and 'name="owner"' in page
    assert 'name="description"' not in page and 'name="owning_agency"' not in page
    response = client.post(_url(action), _post(action, owner=world.member.pk, due_text="Soon"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.owner == world.member and action.due_text == "Soon"
    assert action.description == WHAT
    # A forged wording change is ignored by the form (the field is not on it) ...
    client.post(_url(action), _post(action, description="Forged"))
    action.refresh_from_db()
    assert action.description == WHAT
    # ... and refused by the service.
    with pytest.raises(PermissionDenied):
        action_edit(by=world.lead, action=action, expected_revision=None, description="Forged")


def test_others_may_not_edit(world, action, signed_in):
    for person in (world.member, world.partner_member):
        client = signed_in(person)
        assert client.get(_url(action)).status_code == 403
        assert client.post(_url(action), _post(action, due_text="x")).status_code == 403
        assert "Edit this action" not in client.get(action.get_absolute_url()).content.decode()
    assert signed_in(world.outsider).get(_url(action)).status_code == 404
    assert not ActionChange.objects.exists()


def test_a_stale_edit_is_a_409_that_keeps_what_was_typed(world, action, signed_in):
    opened = action.revision
    services.action_assign(by=world.lead, action=action, owner=world.member)  # meanwhile
    typed = "Write to the Committee with referrals by ward, and by age"
    response = signed_in(world.clerk).post(
        _url(action), _post(action, revision=opened, description=typed, owner=world.member.pk)
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this action since you opened it" in body and typed in body
    action.refresh_from_db()
    assert action.description == WHAT
    # The page now carries the current revision: saving again, having looked, goes through.
    assert f'name="revision" value="{action.revision}"' in body
    response = signed_in(world.clerk).post(
        _url(action), _post(action, description=typed, owner=world.member.pk)
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.description == typed


def test_an_owner_outside_the_agency_is_a_400(world, action, signed_in):
    response = signed_in(world.clerk).post(_url(action), _post(action, owner=world.outsider.pk))
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.owner is None


def test_assignments_are_in_the_history_too(world, action):
    services.action_assign(by=world.manager, action=action, owner=world.member)
    change = action.changes.get()
    assert (change.field, change.old_value, change.new_value, change.author) == (
        F.OWNER,
        "Unassigned",
        world.member.full_name,
        world.manager,
    )


@pytest.mark.parametrize("who", ["clerk", "lead"])
def test_a_past_due_date_asks_first_keeping_what_was_typed(world, action, signed_in, who):
    client = signed_in(getattr(world, who))
    past = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    typed = _post(action, owner=world.member.pk, due_date=past, due_text="As soon as possible")
    asked = client.post(_url(action), typed)
    body = asked.content.decode()
    assert asked.status_code == 200
    assert "is in the past: the action will be overdue at once" in body
    assert 'name="past_confirmed" value="True"' in body
    assert f'value="{past}"' in body and "As soon as possible" in body
    assert f'value="{world.member.pk}" selected' in body
    assert f'name="revision" value="{action.revision}"' in body
    action.refresh_from_db()
    assert action.due_date != datetime.date.fromisoformat(past) and action.owner is None
    assert not ActionChange.objects.exists()
    response = client.post(_url(action), {**typed, "past_confirmed": "True"}, follow=True)
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.due_date.isoformat() == past and action.owner == world.member
    assert "The due date is in the past, so the action is already overdue." in (
        response.content.decode()
    )


def test_an_unchanged_past_due_date_does_not_ask_again(world, action, signed_in):
    past = timezone.localdate() - datetime.timedelta(days=3)
    action_edit(by=world.clerk, action=action, expected_revision=None, due_date=past, due_text="")
    action.refresh_from_db()
    response = signed_in(world.clerk).post(_url(action), _post(action, due_text="Overdue"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.due_text == "Overdue"


def test_a_damaged_revision_is_a_message_not_a_500(world, action, signed_in):
    response = signed_in(world.clerk).post(_url(action), _post(action, revision="9" * 40))
    assert response.status_code == 400
    assert "reload it and try again" in response.content.decode()
    assert not ActionChange.objects.exists()
