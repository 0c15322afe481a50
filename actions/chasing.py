"""The chasing sweep (DESIGN.md section 4): which ladder steps fell due, written once each.

The sweep is set-based so that it stays fast over a large register: one query for the actions
that can have a step due, one for the steps already written, one bulk insert. A step's key is
(action, kind, level, day) where `day` is the London date the step fell due, so a sweep that
runs late (broker down, server off) writes the same key it would have written on time, and a
second sweep, or two at once, writes nothing new.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from . import circuit, recipients
from .inserts import insert_values
from .models import Action, ChasingPolicy, Delivery, Notification

log = logging.getLogger(__name__)

Kind = Notification.Kind
Level = Notification.Level
Key = tuple[int, str, int, datetime.date]
# Rows per query and per slice held in memory: a million actions' steps at once took gigabytes.
CHUNK = 5000


@dataclass(frozen=True)
class Step:
    """One rung of the ladder for one action."""

    kind: str
    level: int
    day: datetime.date


def policy_steps(policy: ChasingPolicy, due: datetime.date, today: datetime.date) -> Iterator[Step]:
    """The latest step of each track that has fallen due by `today`.

    Only the latest step of the owner's track is written, so an action recorded already late, or
    a sweep that missed days, sends one current reminder rather than every one it missed.
    """
    owner: Step | None = None
    for days in sorted({int(d) for d in policy.remind_days_before}, reverse=True):
        if due - datetime.timedelta(days=days) <= today:
            owner = Step(Kind.REMINDER, Level.OWNER, due - datetime.timedelta(days=days))
    if policy.remind_on_due_day and due <= today:
        owner = Step(Kind.REMINDER, Level.OWNER, due)
    late = (today - due).days
    if late >= 1:
        repeat = max(policy.overdue_repeat_days, 1)
        owner = Step(
            Kind.OVERDUE,
            Level.OWNER,
            due + datetime.timedelta(days=1 + (late - 1) // repeat * repeat),
        )
    if owner is not None:
        yield owner
    if late >= policy.managers_after_days > 0:
        yield Step(
            Kind.ESCALATION,
            Level.MANAGERS,
            due + datetime.timedelta(days=policy.managers_after_days),
        )
    if late >= policy.officers_after_days > 0:
        yield Step(
            Kind.ESCALATION,
            Level.OFFICERS,
            due + datetime.timedelta(days=policy.officers_after_days),
        )


def policies() -> dict[int | None, ChasingPolicy]:
    """Each committee's policy; the None key holds the default for committees without one."""
    found: dict[int | None, ChasingPolicy] = {
        p.committee_id: p for p in ChasingPolicy.objects.all()
    }
    found[None] = ChasingPolicy()
    return found


@dataclass
class SweepResult:
    """What one sweep wrote and queued."""

    day: datetime.date
    considered: int = 0
    notifications: int = 0
    deliveries: int = 0
    queued: list[int] = field(default_factory=list)
    digests: list[int] = field(default_factory=list)
    superseded: int = 0
    unreached: int = 0
    # (action id, what went wrong) for actions the sweep could not chase.
    errors: list[tuple[int, str]] = field(default_factory=list)
    mail_down_until: datetime.datetime | None = None
    # Another sweep held the sweep's lock: this one did nothing.
    skipped: bool = False

    def summary(self) -> str:
        """One line for logs and the management command: counts of rows actually written."""
        if self.skipped:
            return f"{self.day:%d %b %Y}: another sweep is running; this one did nothing"
        line = (
            f"{self.day:%d %b %Y}: {self.considered} actions with a step due, "
            f"{self.notifications} new notifications, {self.deliveries} new deliveries; "
            f"queued {len(self.queued)} emails and {len(self.digests)} digests"
        )
        if self.superseded:
            line += f"; {self.superseded} superseded by a newer step"
        if self.unreached:
            line += f"; {self.unreached} steps reached nobody (see the outbox admin)"
        if self.mail_down_until is not None:
            line += f"; mail server unavailable, next try at {self.mail_down_until:%H:%M} UTC"
        if self.errors:
            failed = ", ".join(f"action {pk} ({error})" for pk, error in self.errors[:10])
            line += f"; {len(self.errors)} actions could not be chased: {failed}"
        return line


def _candidates(
    today: datetime.date, by_committee: dict, errors: list[tuple[int, str]]
) -> Iterator[Key]:
    horizon = max(
        [max([int(d) for d in p.remind_days_before] or [0]) for p in by_committee.values()]
    )
    rows = (
        Action.objects.filter(
            status__in=Action.OUTSTANDING,
            due_date__isnull=False,
            due_date__lte=today + datetime.timedelta(days=horizon),
        )
        .exclude(committee__chasing_policy__active=False)
        .values_list("id", "committee_id", "due_date")
        .iterator(chunk_size=5000)
    )
    # The steps depend only on the policy and the due date, which a London register's
    # hundred thousand due actions share a few thousand ways: worked out once per pair.
    ladders: dict[tuple[int, datetime.date], list[Step] | Exception] = {}
    for action_id, committee_id, due in rows:
        if due is None:  # excluded by the query; the column is nullable
            continue
        policy = by_committee.get(committee_id) or by_committee[None]
        steps = ladders.get((id(policy), due))
        if steps is None:
            steps = ladders[id(policy), due] = _steps(policy, due, today)
        # One bad row (a due date of 0001-01-01 overflows) is recorded and skipped; it must not
        # stop the reminders of everyone else.
        if isinstance(steps, Exception):
            errors.append((action_id, f"{type(steps).__name__}: {steps}"[:200]))
            log.warning("Chasing skipped action %s: %r", action_id, steps)
            continue
        for step in steps:
            yield (action_id, step.kind, step.level, step.day)


def _steps(
    policy: ChasingPolicy, due: datetime.date, today: datetime.date
) -> list[Step] | Exception:
    """policy_steps as a list, or what it raised (kept, so each row it concerns is recorded)."""
    try:
        return list(policy_steps(policy, due, today))
    except Exception as error:  # isolate the rows whatever it raised
        return error


def _existing(keys: set[Key]) -> set[Key]:
    found: set[Key] = set()
    if not keys:
        return found
    first_day = min(key[3] for key in keys)
    action_ids = sorted({key[0] for key in keys})
    for start in range(0, len(action_ids), 5000):
        rows = Notification.objects.filter(
            action_id__any=action_ids[start : start + 5000], day__gte=first_day
        ).values_list("action_id", "kind", "level", "day")
        found.update(rows)
    return found & keys


def write_notifications(
    today: datetime.date, errors: list[tuple[int, str]] | None = None
) -> tuple[int, int]:
    """Write the steps that fell due and are not written yet. Returns (considered, inserted):
    rows a concurrent sweep wrote first are not counted."""
    keys = set(_candidates(today, policies(), [] if errors is None else errors))
    missing = sorted(keys - _existing(keys))
    inserted = 0
    for start in range(0, len(missing), CHUNK):
        rows = missing[start : start + CHUNK]
        inserted += len(insert_values(Notification, ("action_id", "kind", "level", "day"), rows))
    return len({key[0] for key in keys}), inserted


def plan_deliveries(
    result: SweepResult | None = None, queued_at: datetime.datetime | None = None
) -> int:
    """Give each new notification its recipients, one outbox row each. Returns rows written.

    actions/recipients.py chooses them: the ladder's people who can sign in and may see the
    action, falling back to the committee's officers; a newer step cancels a person's pending
    older one for the same action. `queued_at`: the rows are written due at that moment and
    marked queued (the sweep queues them straight after, in the same transaction).
    """
    with transaction.atomic():
        waiting = (
            Notification.objects.filter(planned_at__isnull=True)
            .order_by("action_id")
            .values_list("action_id", flat=True)
            .distinct()
        )
        action_ids = list(waiting)
        written = 0
        # A slice of actions at a time, each action's steps in one slice (a newer step
        # supersedes an older one per action): memory stays flat however many steps fell due.
        for start in range(0, len(action_ids), CHUNK):
            # Tuples, not instances: a slice's steps and their actions as model instances cost
            # a London sweep a fifth of its time.
            steps = (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(planned_at__isnull=True, action_id__any=action_ids[start : start + CHUNK])
                .values_list(*recipients.STEP_QUERY)
            )
            written += _plan([recipients.Step(*step) for step in steps], result, queued_at)
        return written


def _plan(
    notifications: list[recipients.Step],
    result: SweepResult | None,
    queued_at: datetime.datetime | None,
) -> int:
    if not notifications:
        return 0
    rows, unreached = recipients.plan(notifications)
    if queued_at is None:
        written = len(insert_values(Delivery, recipients.DELIVERY_FIELDS, rows))
    else:
        # Written queued: marking 366,000 fresh rows queued afterwards was a London sweep's
        # costliest statement.
        names = (*recipients.DELIVERY_FIELDS, "next_attempt_at", "queued_at")
        rows_due = [(*row, queued_at, queued_at) for row in rows]
        written = len(insert_values(Delivery, names, rows_due))
    superseded = recipients.supersede({n.action_id for n in notifications})
    by_reason: dict[str, list[int]] = {}
    for pk, reason in unreached.items():
        by_reason.setdefault(reason, []).append(pk)
    for reason, pks in by_reason.items():
        Notification.objects.filter(pk__in=pks).update(unreached=reason)
    # One UPDATE by ids: bulk_update's CASE of one branch per row took 28% of a sweep.
    Notification.objects.filter(pk__any=[n.pk for n in notifications]).update(
        planned_at=timezone.now()
    )
    if result is not None:
        result.superseded += superseded
        result.unreached += len(unreached)
    return written


def queue_due_deliveries(result: SweepResult, now: datetime.datetime | None = None) -> None:
    """Mark pending deliveries whose time has come as queued, and queue them after commit.

    Rows queued recently are left alone; a row whose task was lost (broker down, worker
    killed) is queued again once `CHASING_REQUEUE_SECONDS` have passed. Delivery claims rows,
    so a row queued twice is still sent once. `now`: the moment this sweep planned its new
    rows as queued (plan_deliveries' queued_at); they are queued here too.
    """
    from . import tasks

    planned = now
    now = now or timezone.now()
    result.mail_down_until = circuit.open_until()
    if result.mail_down_until is not None:
        # The mail server is down: rows wait in the database, attempts untouched, and none
        # passes for queued.
        if planned is not None:
            Delivery.objects.filter(state=Delivery.State.PENDING, queued_at=planned).update(
                queued_at=None
            )
        return
    stale = now - datetime.timedelta(seconds=settings.CHASING_REQUEUE_SECONDS)
    with transaction.atomic():
        due = (
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(state=Delivery.State.PENDING, next_attempt_at__lte=now)
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=stale) | Q(queued_at=planned))
        )
        found = list(due.values_list("id", "recipient_id", "digest", "queued_at"))
        rows = [(pk, recipient, digest) for pk, recipient, digest, _ in found]
        ids = [pk for pk, _, _, queued in found if planned is None or queued != planned]
        for start in range(0, len(ids), CHUNK):
            Delivery.objects.filter(id__any=ids[start : start + CHUNK]).update(queued_at=now)
        result.queued = sorted(row[0] for row in rows if not row[2])
        result.digests = sorted({row[1] for row in rows if row[2]})
        # A person's reminders in one batch: the access rule is checked once per person a batch.
        by_person = [pk for pk, _, digest in sorted(rows, key=lambda r: (r[1], r[0])) if not digest]
        transaction.on_commit(
            lambda: tasks.queue_deliveries(by_person, result.digests), robust=True
        )


# An arbitrary key ("CHAS") that only the sweep takes, for PostgreSQL's advisory lock.
SWEEP_LOCK = 0x43484153


def _sole_sweep() -> bool:
    """Take the sweep's lock until the transaction ends; False if another sweep holds it."""
    if connection.vendor != "postgresql":
        # SQLite's IMMEDIATE transactions (config/settings) already let one writer in at a time.
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SWEEP_LOCK])
        return bool(cursor.fetchone()[0])


def sweep(today: datetime.date | None = None) -> SweepResult:
    """One run of the chasing sweep: write due steps, plan recipients, queue delivery.

    One transaction, one sweep at a time. Run in steps that each committed, a second sweep
    could queue a person's digest between the first one's writing of the day's steps and its
    planning of them: the digest went out with the older rows, and the newer ones waited a day
    behind "today's digest was sent already". Now a digest task sees the outbox either before
    a sweep or after it, and a sweep that finds another running leaves the work to it.
    """
    result = SweepResult(day=today or timezone.localdate())
    with transaction.atomic():
        if not _sole_sweep():
            result.skipped = True
            return result
        result.considered, result.notifications = write_notifications(result.day, result.errors)
        now = timezone.now()
        mail_up = circuit.open_until() is None
        result.deliveries = plan_deliveries(result, queued_at=now if mail_up else None)
        # No log line here: each caller reports the summary once (the worker logs the task's
        # return value, the commands print it).
        queue_due_deliveries(result, now)
    return result
