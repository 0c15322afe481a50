"""Reminders in batches over one SMTP connection, with real components: a Celery worker and beat,
Redis, PostgreSQL and an aiosmtpd server that counts connections, stalls or refuses mid-batch.

Each test counts what the server accepted by Message-ID, which is fixed per outbox row: every
row's email once, none twice.
"""

from __future__ import annotations

from collections import Counter

from actions.models import Delivery, MailCircuit

from .conftest import wait_for
from .test_worker_chasing import DAY, at, make, settle

State = Delivery.State


def message_ids(sink) -> Counter:
    """How many times the server accepted each Message-ID."""
    return Counter(m["Message-ID"] for m in sink.accepted)


def every_row_once(sink) -> None:
    """Each reminder row's email was accepted exactly once and every row is sent."""
    rows = list(Delivery.objects.filter(digest=False).values_list("pk", "state", "message_id"))
    assert {state for _, state, _ in rows} == {State.SENT}
    assert all(f"<delivery-{pk}@" in message_id for pk, _, message_id in rows)
    seen = message_ids(sink)
    assert set(seen) == {message_id for *_, message_id in rows}, seen
    assert set(seen.values()) == {1}, seen


def reminders(world, n: int) -> list:
    """`n` actions due on DAY: reminders to their owner (and the lead for the unassigned one)."""
    return [make(world, 0, owner=world.member) for _ in range(n - 1)] + [make(world, 0)]


def test_a_batch_sends_each_email_once_over_one_connection(world, celery, smtp):
    sink, _ = smtp
    reminders(world, 6)
    celery.worker(at(DAY), concurrency=1)
    celery.beat(at(DAY))
    wait_for(
        lambda: len(sink.accepted) >= 6, what=lambda: "six emails\n" + celery.log_text()[-4000:]
    )
    settle(celery)
    every_row_once(sink)
    # One sweep queued the six rows as one batch; one worker sent it over one connection.
    assert len(set(sink.peers)) == 1, sink.peers
    assert Delivery.objects.filter(attempts=1).count() == 6


def test_a_worker_killed_mid_batch_then_recovery_sends_every_email_once(world, celery, smtp):
    sink, _ = smtp
    reminders(world, 6)
    sink.stall_after = 3  # three accepted, then the fourth hangs until the worker is gone
    worker = celery.worker(at(DAY), concurrency=1)
    celery.beat(at(DAY))
    wait_for(
        sink.stalled.is_set,
        what=lambda: "the fourth SMTP conversation to start\n" + celery.log_text()[-4000:],
    )
    celery.kill(worker)
    sink.release.set()
    # What the server accepted was committed as sent row by row, before the kill.
    assert len(sink.accepted) == 3
    sent = Delivery.objects.filter(state=State.SENT).values_list("message_id", flat=True)
    assert set(sent) == set(message_ids(sink))
    # The row in flight rolled back to pending; the sweep queues the rest again.
    celery.worker(at(DAY), concurrency=1)
    wait_for(
        lambda: len(sink.accepted) >= 6,
        what=lambda: "the rest after the kill\n" + celery.log_text()[-4000:],
    )
    settle(celery)
    every_row_once(sink)
    assert len(sink.accepted) == 6


def test_a_temporary_refusal_of_one_row_does_not_fail_the_rest_of_its_batch(world, celery, smtp):
    sink, _ = smtp
    reminders(world, 5)
    sink.refuse_next = 1  # the batch's first message gets a 451
    celery.worker(at(DAY), concurrency=1)
    celery.beat(at(DAY))
    wait_for(
        lambda: len(sink.accepted) >= 5,
        what=lambda: "five emails, one retried\n" + celery.log_text()[-4000:],
    )
    settle(celery)
    every_row_once(sink)
    assert sink.refused == 1
    # The refused row spent one attempt and went with a later batch; the other four went on
    # the same connection as the refusal, in the first batch.
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [1, 1, 1, 1, 2]
    assert len(set(sink.peers[:4])) == 1
    assert not MailCircuit.objects.filter(failures__gt=0).exists()


def test_a_server_failing_mid_batch_opens_the_circuit_and_spends_no_attempts(world, celery, smtp):
    sink, _ = smtp
    reminders(world, 5)
    sink.refuse_mail_after = 2  # 421 at MAIL FROM after two: the server is going away
    celery.worker(at(DAY), concurrency=1)
    celery.beat(at(DAY))
    wait_for(
        lambda: MailCircuit.objects.filter(failures__gte=1).exists(),
        what=lambda: "the circuit to open\n" + celery.log_text()[-4000:],
    )
    assert len(sink.accepted) == 2
    pending = Delivery.objects.filter(state=State.PENDING)
    assert pending.count() == 3 and not pending.filter(attempts__gt=0).exists()
    sink.refuse_mail_after = None
    wait_for(
        lambda: len(sink.accepted) >= 5,
        what=lambda: "the rest once the server is back\n" + celery.log_text()[-4000:],
    )
    settle(celery)
    every_row_once(sink)
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [1] * 5
    assert MailCircuit.objects.get().retry_at is None
