"""Recording and assigning actions tell the owner (or the lead who must assign), once."""

from __future__ import annotations

import datetime

from django.core import mail
from django.utils import timezone

from actions import services
from actions.editing import action_edit
from agencies.models import Membership
from inbox.models import Message
from inbox.selectors import messages_for, unread_count
from inbox.tasks import deliver_pending
from tests.factories import person_in


def record(world, **fields):
    defaults = {
        "by": world.clerk,
        "committee": world.committee,
        "description": "Write to the Committee with the CSE referral figures",
        "owning_agency": world.mps,
    }
    action, _ = services.action_create(**{**defaults, **fields})
    return action


def test_recording_for_an_owner_tells_the_owner_what_to_do_by_when(
    world, django_capture_on_commit_callbacks
):
    due = timezone.localdate() + datetime.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        action = record(world, owner=world.member, due_date=due)
    message = Message.objects.get()
    assert message.recipient == world.member and message.kind == Message.Kind.ACTION_ASSIGNED
    assert f"Please record your progress by {due.day} {due:%B %Y}" in message.body
    assert [m.to for m in mail.outbox] == [[world.member.email]]
    assert f"/actions/{action.pk}/" in mail.outbox[0].body
    assert deliver_pending() == 0 and len(mail.outbox) == 1


def test_an_unassigned_action_asks_the_agency_lead_to_assign_it(world):
    record(world)
    message = Message.objects.get()
    assert message.recipient == world.lead and message.kind == Message.Kind.ACTION_TO_ASSIGN
    assert "Please assign it to someone in Metropolitan Police Service" in message.body


def test_assigning_tells_the_new_owner_once_and_again_on_a_later_assignment(world):
    action = record(world)
    services.action_assign(by=world.lead, action=action, owner=world.member)
    services.action_assign(by=world.lead, action=action, owner=world.lead)
    services.action_assign(by=world.lead, action=action, owner=world.member)
    to_member = Message.objects.filter(recipient=world.member)
    assert to_member.count() == 2  # one per assignment, never two for one
    assert unread_count(world.member) == 2
    # The lead assigned it to themselves: nobody needs telling what they did.
    assert not Message.objects.filter(recipient=world.lead, kind=Message.Kind.ACTION_ASSIGNED)


def test_a_restricted_action_tells_nobody_who_may_not_see_it(world, secret_item):
    # The item is granted to MOPAC only: its action is MOPAC's, and MPS people hear nothing.
    lead_of_mopac = person_in(world.mopac, Membership.Role.LEAD, email="lead@mopac.example")
    mopac_action = record(world, agenda_item=secret_item, owning_agency=world.mopac)
    message = Message.objects.get(recipient=lead_of_mopac)
    assert message.restricted and message.guard_id == mopac_action.pk
    assert not Message.objects.exclude(recipient=lead_of_mopac).exists()
    deliver_pending()
    email = next(m for m in mail.outbox if m.to == [lead_of_mopac.email])
    assert email.subject.startswith("OFFICIAL-SENSITIVE")
    assert [m.to for m in mail.outbox] == [[lead_of_mopac.email]]
    assert list(messages_for(lead_of_mopac)) == [message]
    # The wording is read on the action's page (where the read is logged), not in messages.
    assert mopac_action.description not in message.body + message.subject + email.body
    # Someone who loses sight of it is neither shown the message nor sent its email.
    services.action_assign(by=world.clerk, action=mopac_action, owner=lead_of_mopac)
    from inbox import guards

    guards.guard_register("action", lambda user, pk: False)
    try:
        assert unread_count(lead_of_mopac) == 0 and not messages_for(lead_of_mopac).exists()
    finally:
        from actions.notify import GUARD, may_see_action

        guards.guard_register(GUARD, may_see_action)


def test_editing_the_owner_tells_the_new_owner_once(world):
    """A change of owner on the edit page is an assignment like any other: the new owner is
    told, once, and saving the same owner again tells nobody."""
    action = record(world)
    Message.objects.all().delete()
    action, _ = action_edit(
        by=world.clerk, action=action, expected_revision=action.revision, owner=world.member
    )
    told = Message.objects.filter(recipient=world.member, kind=Message.Kind.ACTION_ASSIGNED)
    assert told.count() == 1
    assert f"Action {action.reference} is yours" in told.get().subject
    action_edit(
        by=world.clerk, action=action, expected_revision=action.revision, owner=world.member
    )
    assert Message.objects.filter(recipient=world.member).count() == 1
