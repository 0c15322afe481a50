"""The order of a day's chasing: the sweep writes and supersedes the day's steps before anything
of that day is sent, whatever order the worker's tasks arrive in.

Found with a real worker (tests/chasing/test_worker_faults.py, the eight-day clock jump): tasks
queued before a long stop ran before the first sweep after it and sent the old steps, then the
sweep sent the new ones, two emails about one action to one person on one day. And two sweeps
at once let a digest go out between one's writing of the day's steps and its planning of them.
"""

from __future__ import annotations

import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction

from actions import chasing, circuit, outbox
from actions.models import Delivery, MailCircuit, Notification
from tests.actions.test_chasing import TODAY, day, make_action, sweep_on
from tests.actions.test_chasing_faults import at
from tests.once import require_postgresql

State = Delivery.State


@pytest.mark.django_db
def test_a_reminder_queued_on_an_earlier_day_waits_for_that_days_sweep(
    world, django_capture_on_commit_callbacks
):
    action = make_action(world, 1, owner=world.member)
    first = sweep_on(TODAY)  # queued; the worker was down for a week
    with time_machine.travel(at(day(8)), tick=False):
        assert outbox.deliver(first.queued[0]) == outbox.LEFT_FOR_THE_SWEEP
    row = Delivery.objects.get(pk=first.queued[0])
    assert (row.state, row.queued_at, row.attempts) == (State.PENDING, None, 0)
    assert not mail.outbox
    sweep_on(day(8), execute=django_capture_on_commit_callbacks)
    row.refresh_from_db()
    assert row.state == State.CANCELLED and "Superseded" in row.last_error
    mine = [m.subject for m in mail.outbox if m.to == [world.member.email]]
    assert mine == [f"Action {action.reference} is 1 day overdue"]


@pytest.mark.django_db
def test_a_digest_queued_on_an_earlier_day_waits_for_that_days_sweep(
    world, django_capture_on_commit_callbacks
):
    late = make_action(world, -8, owner=world.member)
    first = sweep_on(TODAY)
    assert first.digests == [world.manager.pk]
    with time_machine.travel(at(day(8)), tick=False):
        assert outbox.deliver_digest(world.manager.pk) == "nothing to send"
    assert not mail.outbox
    assert not Delivery.objects.filter(digest=True, queued_at__isnull=False).exists()
    sweep_on(day(8), execute=django_capture_on_commit_callbacks)
    digests = [m for m in mail.outbox if m.to == [world.manager.email]]
    assert len(digests) == 1 and late.reference in digests[0].body
    rows = Delivery.objects.filter(recipient=world.manager, digest=True)
    assert list(rows.values_list("state", flat=True)) == [State.SENT]


@pytest.mark.django_db(transaction=True)
def test_a_sweep_that_finds_another_running_leaves_the_work_to_it(world):
    require_postgresql()
    make_action(world, 0, owner=world.member)
    held, release = threading.Event(), threading.Event()

    def another_sweep() -> None:
        # Holds the sweep's lock from its own connection, as a sweep on another worker would.
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [chasing.SWEEP_LOCK])
                held.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=another_sweep)
    thread.start()
    try:
        assert held.wait(10)
        with time_machine.travel(at(TODAY), tick=False):
            result = chasing.sweep()
        assert result.skipped and "another sweep is running" in result.summary()
        assert not Notification.objects.exists() and not Delivery.objects.exists()
    finally:
        release.set()
        thread.join(10)
    with time_machine.travel(at(TODAY), tick=False):
        result = chasing.sweep()
    assert not result.skipped
    assert (result.notifications, result.deliveries, len(result.queued)) == (1, 1, 1)


@pytest.mark.django_db
def test_new_rows_are_written_queued_by_the_sweep_that_queues_them_and_only_then(world):
    """A sweep writes its new rows already marked queued, at the moment it queues them; with the
    mail server's circuit open none passes for queued, and the first sweep after the retry
    time queues them all."""
    make_action(world, 0, owner=world.member)
    make_action(world, -10, owner=world.lead)
    with time_machine.travel(at(TODAY), tick=False):
        circuit.circuit_trip(ConnectionRefusedError(111, "Connection refused"))
        down = chasing.sweep()
        assert down.deliveries > 0 and down.queued == down.digests == []
        assert not Delivery.objects.filter(queued_at__isnull=False).exists()
    with time_machine.travel(MailCircuit.objects.get().retry_at, tick=False):
        up = chasing.sweep()
        assert up.deliveries == 0  # nothing new: the same rows, queued now
        pending = Delivery.objects.filter(state=State.PENDING)
        assert sorted(up.queued) == sorted(
            pending.filter(digest=False).values_list("pk", flat=True)
        )
        assert not pending.filter(queued_at__isnull=True).exists()
    make_action(world, -3, owner=world.member)
    with time_machine.travel(at(day(1)), tick=False):
        circuit.circuit_close()
        fresh = chasing.sweep()
        new_rows = Delivery.objects.filter(notification__day__gte=day(-3), state=State.PENDING)
        assert fresh.deliveries > 0
        assert {row.queued_at for row in new_rows if row.pk in fresh.queued} == {at(day(1))}
