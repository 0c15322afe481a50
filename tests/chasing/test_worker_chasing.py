"""Chasing end to end with real components: Redis, Celery workers and beats, an SMTP server.

Time moves with time-machine inside the worker and beat processes (tests/chasing/celery_at.py),
never by sleeping through days. Each test checks what the SMTP server accepted.
"""

from __future__ import annotations

import datetime
import re
import time

from celery import Celery as CeleryApp

from actions import chasing
from actions.models import Action, Delivery, Notification

from .conftest import wait_for

DAY = datetime.date(2027, 2, 10)  # a Wednesday in GMT, far from the clock changes


def at(day: datetime.date, hhmm: str = "09:00") -> str:
    """An ISO London time for FAKE_NOW."""
    return f"{day.isoformat()}T{hhmm}:00+00:00"


def make(world, due_in: int, owner=None, **fields) -> Action:
    """An outstanding action (of the MPS unless told) due `due_in` days after DAY."""
    n = Action.objects.count() + 1
    return Action.objects.create(
        committee=world.committee,
        reference=f"MC-{n:04d}",
        description=f"Write to the Committee with the CSE referral figures ({n})",
        owning_agency=fields.pop("owning_agency", world.mps),
        owner=owner,
        due_date=DAY + datetime.timedelta(days=due_in),
        **fields,
    )


def succeeded(celery, task: str) -> int:
    """How many runs of a task the workers logged as succeeded."""
    return len(re.findall(rf"Task actions\.tasks\.{task}\[[^\]]+\] succeeded", celery.log_text()))


def settle(celery, sweeps: int = 3) -> None:
    """Let `sweeps` more sweeps finish, so anything duplicated would have been sent by now."""
    start = succeeded(celery, "chase_actions")
    wait_for(
        lambda: succeeded(celery, "chase_actions") >= start + sweeps,
        what=lambda: f"{sweeps} more sweeps\n{celery.log_text()[-4000:]}",
    )


def subjects(sink, address: str) -> list[str]:
    """Subjects of the messages accepted for one address."""
    return [m["Subject"] for m in sink.to(address)]


def test_one_reminder_then_the_escalation_to_the_manager(world, celery, smtp):
    sink, _ = smtp
    action = make(world, 1, owner=world.member)
    celery.worker(at(DAY))
    celery.beat(at(DAY))
    wait_for(
        lambda: sink.to(world.member.email),
        what=lambda: "the reminder\n" + celery.log_text()[-4000:],
    )
    settle(celery)
    assert subjects(sink, world.member.email) == [f"Action {action.reference} is due in 1 day"]
    assert len(sink.accepted) == 1
    reminder = sink.to(world.member.email)[0]
    assert f"https://meetings.example/actions/{action.pk}/" in reminder.as_string()

    celery.stop_all()
    week_late = DAY + datetime.timedelta(days=8)
    celery.worker(at(week_late))
    celery.beat(at(week_late))
    wait_for(
        lambda: sink.to(world.manager.email),
        what=lambda: "the manager's digest\n" + celery.log_text()[-4000:],
    )
    settle(celery)
    # Rendered as of the overdue step's own day, the day after the deadline.
    assert subjects(sink, world.member.email)[1:] == [f"Action {action.reference} is 1 day overdue"]
    assert subjects(sink, world.manager.email) == ["Overdue actions: 1 needs your attention"]
    assert len(sink.accepted) == 3


def test_two_beats_sweeping_every_second_send_each_email_once(world, celery, smtp):
    sink, _ = smtp
    for due_in, owner in [
        (0, world.member),
        (1, None),
        (-3, world.member),
        (-8, world.member),
        (-8, world.member),
        (-30, world.member),
    ]:
        make(world, due_in, owner=owner)
    celery.worker(at(DAY))
    celery.beat(at(DAY))
    celery.beat(at(DAY))
    # Six owner-level emails, one manager digest, one digest each for the chair and the clerk.
    wait_for(
        lambda: len(sink.accepted) >= 9, what=lambda: "nine emails\n" + celery.log_text()[-4000:]
    )
    settle(celery, sweeps=6)
    assert len(sink.accepted) == 9
    assert len({m["Message-ID"] for m in sink.accepted}) == 9
    assert Notification.objects.count() == 6 + 2 + 1 + 1
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.SENT}


def test_the_delivery_task_run_twice_for_one_row_sends_one_email(
    world, celery, smtp, redis_server, monkeypatch
):
    sink, _ = smtp
    make(world, 0, owner=world.member)
    chasing.write_notifications(DAY)
    chasing.plan_deliveries()
    row = Delivery.objects.get()
    # Queued by that day's sweep: a row queued on an earlier day would go back to the sweep.
    Delivery.objects.filter(pk=row.pk).update(queued_at=datetime.datetime.fromisoformat(at(DAY)))
    celery.worker(at(DAY), concurrency=2)
    # Celery prefers CELERY_BROKER_URL from the environment (CI sets it) to the broker given.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    app = CeleryApp(broker=redis_server.url)
    for _ in range(2):
        app.send_task("actions.tasks.deliver_email", args=[row.pk])
    wait_for(
        lambda: succeeded(celery, "deliver_email") == 2,
        what=lambda: f"both deliveries to finish\n{celery.log_text()[-4000:]}",
    )
    assert len(sink.accepted) == 1
    row.refresh_from_db()
    assert row.state == Delivery.State.SENT and row.attempts == 1


def test_a_worker_killed_mid_delivery_delivers_once_afterwards(world, celery, smtp):
    sink, _ = smtp
    sink.stall_next = True
    action = make(world, 0, owner=world.member)
    worker = celery.worker(at(DAY), concurrency=1)
    celery.beat(at(DAY))
    wait_for(
        sink.stalled.is_set,
        what=lambda: "the SMTP conversation to start\n" + celery.log_text()[-4000:],
    )
    celery.kill(worker)
    sink.release.set()
    assert not sink.accepted
    # The killed worker's claim is rolled back by PostgreSQL; the row is pending again.
    wait_for(
        lambda: Delivery.objects.filter(state=Delivery.State.PENDING).exists(),
        what=lambda: "the claim to be released\n" + celery.log_text()[-4000:],
    )
    celery.worker(at(DAY), concurrency=1)
    wait_for(
        lambda: sink.accepted,
        what=lambda: "the delivery after the kill\n" + celery.log_text()[-4000:],
    )
    settle(celery)
    assert subjects(sink, world.member.email) == [f"Action {action.reference} is due today"]


def test_an_smtp_server_refusing_is_retried_with_backoff_then_delivered(world, celery, smtp):
    sink, _ = smtp
    sink.refuse_next = 2
    make(world, 0, owner=world.member)
    celery.worker(at(DAY))
    celery.beat(at(DAY))
    wait_for(
        lambda: sink.accepted,
        what=lambda: "delivery after two refusals\n" + celery.log_text()[-4000:],
    )
    settle(celery)
    assert sink.refused == 2 and len(sink.accepted) == 1
    row = Delivery.objects.get()
    assert row.state == Delivery.State.SENT and row.attempts == 3 and row.last_error == ""


def test_an_smtp_server_refusing_for_good_is_marked_failed_and_shown(
    world, celery, smtp, signed_in
):
    sink, _ = smtp
    sink.refuse_all = True
    make(world, 0, owner=world.member)
    celery.worker(at(DAY))
    celery.beat(at(DAY))
    wait_for(
        lambda: Delivery.objects.filter(state=Delivery.State.FAILED).exists(),
        what=lambda: "the row to be marked failed\n" + celery.log_text()[-4000:],
    )
    settle(celery)
    assert sink.refused == 3 and not sink.accepted  # CHASING_MAX_ATTEMPTS, then no more tries
    row = Delivery.objects.get()
    assert row.attempts == 3 and "451" in row.last_error
    from agencies.models import User

    admin = User.objects.create_superuser("root@meetings.example", "pw-x-12345")
    page = signed_in(admin).get("/admin/actions/delivery/?state__exact=failed")
    assert b"MC-0001" in page.content and b"Try again later" in page.content


def test_redis_down_when_an_action_falls_due_loses_nothing(world, celery, smtp, redis_server):
    sink, _ = smtp
    celery.worker(at(DAY))
    celery.beat(at(DAY))
    settle(celery, sweeps=1)
    redis_server.stop()
    action = make(world, 0, owner=world.member)
    time.sleep(3)  # an outage of a few sweeps' length; nothing can be queued meanwhile
    assert not sink.accepted
    redis_server.start()
    wait_for(
        lambda: sink.accepted,
        what=lambda: "the reminder after Redis came back\n" + celery.log_text()[-4000:],
        timeout=120,
    )
    settle(celery)
    assert subjects(sink, world.member.email) == [f"Action {action.reference} is due today"]
