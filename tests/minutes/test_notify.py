"""Circulating and approving minutes tells the meeting's people, once, by email and in-app."""

from __future__ import annotations

import datetime

from django.core import mail

from attendance.services import invitations_generate
from inbox.models import Message
from inbox.tasks import deliver_pending
from minutes import services
from minutes.models import Minutes

from .conftest import SECRET_MINUTE


def told(kind: str) -> set[str]:
    return set(Message.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def test_circulating_asks_the_committee_to_comment_by_a_date(
    world, drafted, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        record = services.minutes_circulate(meeting=drafted.meeting, by=world.clerk)
    # Nobody was invited: the committee's leads and members, and its chair; not the clerk who
    # circulated, not managers, not outsiders.
    people = {world.chair.email, world.lead.email, world.member.email}
    people.add(world.partner_member.email)
    assert told(Message.Kind.MINUTES_CIRCULATED) == people
    by = record.circulated_at.date() + datetime.timedelta(days=settings.MINUTES_COMMENT_DAYS)
    deadline = f"{by.day} {by:%B %Y}"
    email = next(m for m in mail.outbox if m.to == [world.lead.email])
    assert f"Please comment on the draft minutes by {deadline}:" in email.body
    assert f"/minutes/{drafted.meeting.pk}/" in email.body
    assert SECRET_MINUTE not in email.body and len(mail.outbox) == len(people)
    assert deliver_pending() == 0 and len(mail.outbox) == len(people)


def test_the_invited_are_told_when_there_is_an_invitation_list(world, drafted):
    invitations_generate(meeting=drafted.meeting, by=world.clerk)
    drafted.meeting.invitations.exclude(person=world.lead).delete()
    services.minutes_circulate(meeting=drafted.meeting, by=world.clerk)
    assert told(Message.Kind.MINUTES_CIRCULATED) == {world.lead.email}


def test_approving_tells_them_once(world, circulated, later_meeting):
    services.minutes_approve(minutes=circulated, at_meeting=later_meeting, by=world.chair)
    approved = told(Message.Kind.MINUTES_APPROVED)
    assert world.lead.email in approved and world.chair.email not in approved
    assert world.outsider.email not in approved and world.manager.email not in approved
    message = Message.objects.filter(kind=Message.Kind.MINUTES_APPROVED).first()
    assert "are now the final record" in message.body
    assert Minutes.objects.get(pk=circulated.pk).stage == Minutes.Stage.APPROVED
    count = Message.objects.count()
    from minutes.notify import minutes_notify_approved

    circulated.refresh_from_db()
    assert minutes_notify_approved(record=circulated, by=world.chair) == 0  # a replay
    assert Message.objects.count() == count
