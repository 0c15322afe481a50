"""Chasing in one process: the ladder, the idempotent sweep, delivery, digests and who reads what.

The same code runs under a real worker, beat, Redis and SMTP server in tests/chasing/.
"""

from __future__ import annotations

import datetime
import itertools
import smtplib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from actions import chasing, due_steps, outbox
from actions.models import Action, ChasingPolicy, Delivery, Notification
from tests.factories import person_in

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
TODAY = datetime.date(2026, 11, 23)
Kind, Level = Notification.Kind, Notification.Level


def day(offset: int) -> datetime.date:
    """A date relative to TODAY."""
    return TODAY + datetime.timedelta(days=offset)


def make_action(world, due_in: int, owner=None, **fields) -> Action:
    """An outstanding MPS action due `due_in` days from TODAY."""
    count = Action.objects.count() + 1
    return Action.objects.create(
        committee=world.committee,
        reference=f"MC-{count:04d}",
        description=fields.pop("description", f"Report CSE referrals by borough ({count})"),
        owning_agency=fields.pop("owning_agency", world.mps),
        owner=owner,
        due_date=day(due_in),
        **fields,
    )


def sweep_on(when: datetime.date, hour: int = 9, execute=None):
    """Run a sweep at `hour` London time on `when`, delivering eagerly after commit."""
    moment = datetime.datetime.combine(when, datetime.time(hour), tzinfo=LONDON)
    with time_machine.travel(moment, tick=False):
        if execute is None:
            return chasing.sweep()
        with execute(execute=True):
            return chasing.sweep()


def deliver_on(when: datetime.date, delivery_id: int) -> str:
    """Deliver one row at 09:05 London time on `when`: a row goes out on the day it was queued
    (one queued on an earlier day goes back to that day's sweep)."""
    moment = datetime.datetime.combine(when, datetime.time(9, 5), tzinfo=LONDON)
    with time_machine.travel(moment, tick=False):
        return outbox.deliver(delivery_id)


def steps(due_offset: int, policy: ChasingPolicy | None = None) -> list[tuple]:
    """The ladder steps due on TODAY for an action due `due_offset` days away."""
    found = due_steps.policy_steps(policy or ChasingPolicy(), day(due_offset), TODAY)
    return [(s.kind, s.level, (s.day - TODAY).days) for s in found]


def test_the_ladder_with_the_default_policy():
    assert steps(8) == []
    assert steps(7) == [(Kind.REMINDER, Level.OWNER, 0)]
    assert steps(3) == [(Kind.REMINDER, Level.OWNER, -4)]
    assert steps(1) == [(Kind.REMINDER, Level.OWNER, 0)]
    assert steps(0) == [(Kind.REMINDER, Level.OWNER, 0)]
    assert steps(-1) == [(Kind.OVERDUE, Level.OWNER, 0)]
    assert steps(-5) == [(Kind.OVERDUE, Level.OWNER, -4)]
    assert steps(-7) == [(Kind.OVERDUE, Level.OWNER, -6), (Kind.ESCALATION, Level.MANAGERS, 0)]
    assert steps(-8) == [(Kind.OVERDUE, Level.OWNER, 0), (Kind.ESCALATION, Level.MANAGERS, -1)]
    assert steps(-40) == [
        (Kind.OVERDUE, Level.OWNER, -4),
        (Kind.ESCALATION, Level.MANAGERS, -33),
        (Kind.ESCALATION, Level.OFFICERS, -12),
    ]


def test_a_committee_policy_changes_the_ladder():
    policy = ChasingPolicy(
        remind_days_before=[3],
        remind_on_due_day=False,
        overdue_repeat_days=1,
        managers_after_days=2,
        officers_after_days=0,
    )
    assert steps(4, policy) == []
    assert steps(0, policy) == [(Kind.REMINDER, Level.OWNER, -3)]
    assert steps(-2, policy) == [
        (Kind.OVERDUE, Level.OWNER, 0),
        (Kind.ESCALATION, Level.MANAGERS, 0),
    ]


def test_sweep_twice_writes_and_queues_nothing_new(world, django_capture_on_commit_callbacks):
    for offset in (7, 1, 0, -3, -10, -30, 20):
        make_action(world, offset, owner=world.member)
    make_action(world, -3, status=Action.Status.COMPLETED)
    first = sweep_on(TODAY, execute=django_capture_on_commit_callbacks)
    assert (first.considered, first.notifications) == (6, 9)
    sent = len(mail.outbox)
    assert sent == 6 + 1 + 2  # six owner reminders; digests to the MPS manager, chair and clerk
    second = sweep_on(TODAY, hour=15, execute=django_capture_on_commit_callbacks)
    assert (second.notifications, second.deliveries, second.queued, second.digests) == (
        0,
        0,
        [],
        [],
    )
    assert len(mail.outbox) == sent
    assert Notification.objects.count() == 9


def test_reminders_go_to_the_owner_and_unassigned_ones_to_the_lead(
    world, django_capture_on_commit_callbacks
):
    mine = make_action(world, 1, owner=world.member)
    nobody = make_action(world, 1)
    sweep_on(TODAY, execute=django_capture_on_commit_callbacks)
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {world.member.email, world.lead.email}
    assert by_person[world.member.email].subject == f"Action {mine.reference} is due in 1 day"
    lead_mail = by_person[world.lead.email]
    assert lead_mail.subject == f"Unassigned action {nobody.reference} is due in 1 day"
    assert "Please assign it" in lead_mail.body and nobody.description in lead_mail.body
    html = lead_mail.alternatives[0][0]
    assert f"/actions/{nobody.pk}/" in html and "due in 1 day" in html


def test_escalations_reach_managers_then_officers_in_one_digest_a_day(
    world, django_capture_on_commit_callbacks
):
    late = [make_action(world, -8, owner=world.member) for _ in range(3)]
    sweep_on(TODAY, execute=django_capture_on_commit_callbacks)
    digests = [m for m in mail.outbox if m.to == [world.manager.email]]
    assert len(digests) == 1
    assert digests[0].subject == "Overdue actions: 3 need your attention"
    assert all(a.reference in digests[0].body for a in late)
    # As of the step's own day: the managers' step fell due yesterday, 7 days late.
    assert f"7 days overdue on {day(-1):%-d %B %Y}" in digests[0].body
    assert not [m for m in mail.outbox if m.to[0] in (world.chair.email, world.clerk.email)]
    # A new escalation later the same day waits for tomorrow's digest.
    make_action(world, -7, owner=world.member)
    mail.outbox.clear()
    sweep_on(TODAY, hour=16, execute=django_capture_on_commit_callbacks)
    assert not [m for m in mail.outbox if m.to == [world.manager.email]]
    sweep_on(day(1), hour=0, execute=django_capture_on_commit_callbacks)
    tomorrow = [m for m in mail.outbox if m.to == [world.manager.email]]
    assert len(tomorrow) == 1 and "1 needs your attention" in tomorrow[0].subject
    # 28 days overdue: the chair and the secretariat are told, once each.
    mail.outbox.clear()
    sweep_on(day(20), execute=django_capture_on_commit_callbacks)
    officers = sorted(
        m.to[0] for m in mail.outbox if m.to[0] in (world.chair.email, world.clerk.email)
    )
    assert officers == sorted([world.chair.email, world.clerk.email])


def test_restricted_actions_go_only_to_recipients_who_may_see_them(
    world, secret_item, django_capture_on_commit_callbacks
):
    secret = make_action(
        world,
        -9,
        owner=world.member,
        agenda_item=secret_item,
        meeting=secret_item.meeting,
        description="Arrange ISVA support for Ms X",
    )
    sweep_on(TODAY, execute=django_capture_on_commit_callbacks)
    # The MPS owner and manager may not see it: nothing about it reaches them, not even its
    # reference; the committee's chair and clerk (who may) read it in their digests instead.
    for person in (world.member, world.manager, world.lead):
        assert not [m for m in mail.outbox if m.to == [person.email]]
    officers = {m.to[0]: m for m in mail.outbox}
    assert set(officers) == {world.chair.email, world.clerk.email}
    for message in officers.values():
        assert secret.reference in message.body and "Arrange ISVA support" in message.body
        assert "restricted item" not in message.body
    # MOPAC holds the grant: its people read the details.
    mopac_manager = person_in(world.mopac, "manager", email="manager@mopac.example")
    make_action(
        world,
        -9,
        owning_agency=world.mopac,
        agenda_item=secret_item,
        meeting=secret_item.meeting,
        description="Arrange ISVA support for Ms X (MOPAC)",
    )
    sweep_on(day(1), execute=django_capture_on_commit_callbacks)
    mopac_digest = next(m for m in mail.outbox if m.to == [mopac_manager.email])
    assert "ISVA support for Ms X (MOPAC)" in mopac_digest.body
    assert "Survivor testimony" in mopac_digest.body


def test_delivery_run_twice_sends_one_email(world):
    make_action(world, 0, owner=world.member)
    sweep_on(TODAY)
    row = Delivery.objects.get()
    assert deliver_on(TODAY, row.pk) == "sent"
    assert deliver_on(TODAY, row.pk).startswith("not pending")
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.state == Delivery.State.SENT and row.message_id.startswith(f"<delivery-{row.pk}@")
    assert mail.outbox[0].extra_headers["Message-ID"] == row.message_id


def test_an_action_finished_before_delivery_is_not_chased(world):
    action = make_action(world, 0, owner=world.member)
    sweep_on(TODAY)
    Action.objects.filter(pk=action.pk).update(status=Action.Status.COMPLETED)
    assert deliver_on(TODAY, Delivery.objects.get().pk) == "cancelled"
    assert not mail.outbox
    assert Delivery.objects.get().state == Delivery.State.CANCELLED


class RefusingBackend(BaseEmailBackend):
    """An email backend whose server refuses every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPDataError(451, b"Try again later")


def test_smtp_refusal_backs_off_then_fails_and_is_shown(world, settings):
    settings.EMAIL_BACKEND = "tests.actions.test_chasing.RefusingBackend"
    settings.CHASING_MAX_ATTEMPTS = 3
    make_action(world, 0, owner=world.member)
    sweep_on(TODAY)
    row = Delivery.objects.get()
    waits = []
    for _ in range(3):
        assert deliver_on(TODAY, row.pk).startswith("failed")
        row.refresh_from_db()
        waits.append(row.next_attempt_at)
    assert row.state == Delivery.State.FAILED and row.attempts == 3
    assert "451" in row.last_error
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(waits)]
    assert gaps[1] > gaps[0] > 0
    assert outbox.backoff(1).total_seconds() == settings.CHASING_RETRY_BASE_SECONDS


def test_a_failed_row_waits_for_its_backoff_before_the_sweep_queues_it_again(world, settings):
    settings.EMAIL_BACKEND = "tests.actions.test_chasing.RefusingBackend"
    make_action(world, 0, owner=world.member)
    first = sweep_on(TODAY)
    # Refused at 9:00 on TODAY, the moment of the sweep: its retry waits a minute, until 9:01.
    refused_at = datetime.datetime.combine(TODAY, datetime.time(9), LONDON)
    with time_machine.travel(refused_at, tick=False):
        outbox.deliver(first.queued[0])
    settings.CHASING_REQUEUE_SECONDS = 0
    assert sweep_on(TODAY, hour=9).queued == []
    assert sweep_on(TODAY, hour=10).queued == first.queued


@pytest.mark.parametrize(
    "first_day", [datetime.date(2027, 3, 27), datetime.date(2027, 10, 30)], ids=["spring", "autumn"]
)
def test_clock_change_days_send_exactly_one_reminder_a_day(
    world, first_day, django_capture_on_commit_callbacks
):
    """Sweeping every 20 minutes through the 23- and 25-hour days of Europe/London."""
    ChasingPolicy.objects.create(
        committee=world.committee,
        overdue_repeat_days=1,
        managers_after_days=0,
        officers_after_days=0,
    )
    Action.objects.create(
        committee=world.committee,
        reference="MC-DST",
        description="Daily chase",
        owning_agency=world.mps,
        owner=world.member,
        due_date=first_day - datetime.timedelta(days=1),
    )
    start = datetime.datetime.combine(first_day, datetime.time(0, 5), tzinfo=LONDON)
    moment = start.astimezone(datetime.UTC)
    end = (start + datetime.timedelta(days=3)).astimezone(datetime.UTC)
    with time_machine.travel(moment, tick=False) as traveller:
        while moment < end:
            with django_capture_on_commit_callbacks(execute=True):
                chasing.sweep()
            moment += datetime.timedelta(minutes=20)
            traveller.move_to(moment)
    days = sorted(Notification.objects.values_list("day", flat=True))
    assert days == [first_day + datetime.timedelta(days=n) for n in range(3)]
    assert len(mail.outbox) == 3
    sent_days = sorted(
        d.sent_at.astimezone(LONDON).date() for d in Delivery.objects.filter(state="sent")
    )
    assert sent_days == days


def test_chase_actions_command_prints_what_it_queued(world, capsys):
    action = make_action(world, 0, owner=world.member)
    make_action(world, -8, owner=world.member)
    call_command("chase_actions", "--date", TODAY.isoformat())
    out = capsys.readouterr().out
    assert "2 actions with a step due, 3 new notifications" in out
    assert f"reminder for {action.reference} to {world.member.email}" in out
    assert f"daily digest to {world.manager.email}" in out
    call_command("chase_actions", "--date", TODAY.isoformat())
    assert "0 new notifications, 0 new deliveries; queued 0 emails and 0 digests" in (
        capsys.readouterr().out
    )


def test_the_outbox_admin_lists_states_for_superusers_only(world, signed_in, client):
    make_action(world, 0, owner=world.member)
    sweep_on(TODAY)
    assert signed_in(world.chair).get("/admin/actions/delivery/").status_code == 302
    from agencies.models import User

    admin = User.objects.create_superuser("root@meetings.example", "pw-x-12345")
    page = signed_in(admin).get("/admin/actions/delivery/?state__exact=pending")
    assert page.status_code == 200
    assert b"MC-0001" in page.content and b"Pending" in page.content
