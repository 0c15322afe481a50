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
from .due_steps import DueStep, policies, steps_or_error
from .inserts import insert_returning
from .models import Action, Delivery, Notification

log = logging.getLogger(__name__)

Key = tuple[int, str, int, datetime.date]
# Rows per query and per slice held in memory: a million actions' steps at once took gigabytes.
CHUNK = 5000


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
    # (id, recipient, digest) of the outbox rows this sweep wrote queued, until it queues them.
    fresh: list[tuple[int, int, bool]] = field(default_factory=list)
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
    """The steps due by `today` of each action that can have one."""
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
    ladders: dict[tuple[int, datetime.date], list[DueStep] | Exception] = {}
    for action_id, committee_id, due in rows:
        if due is None:  # excluded by the query; the column is nullable
            continue
        policy = by_committee.get(committee_id) or by_committee[None]
        steps = ladders.get((id(policy), due))
        if steps is None:
            steps = ladders[id(policy), due] = steps_or_error(policy, due, today)
        # One bad row (a due date of 0001-01-01 overflows) is recorded and skipped; it must not
        # stop the reminders of everyone else.
        if isinstance(steps, Exception):
            errors.append((action_id, f"{type(steps).__name__}: {steps}"[:200]))
            log.warning("Chasing skipped action %s: %r", action_id, steps)
            continue
        for step in steps:
            yield (action_id, step.kind, step.level, step.day)


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


NOTIFICATION_FIELDS = ("action_id", "kind", "level", "day")


def write_notifications(
    today: datetime.date, errors: list[tuple[int, str]] | None = None
) -> tuple[int, int]:
    """Write the steps that fell due and are not written yet, to be planned. Returns
    (considered, inserted): rows a concurrent sweep wrote first are not counted."""
    considered, steps = _write_steps(today, [] if errors is None else errors)
    return considered, len(steps)


def _write_steps(
    today: datetime.date,
    errors: list[tuple[int, str]],
    planned_at: datetime.datetime | None = None,
) -> tuple[int, list[recipients.Step]]:
    """write_notifications, giving back the steps written; `planned_at`: they are written as
    planned then, the caller planning them from what this returns in the same transaction."""
    keys = set(_candidates(today, policies(), errors))
    missing = sorted(keys - _existing(keys))
    # What the ladder reads of the actions with a step to write (none in a repeat sweep); an
    # action deleted since the candidates were read has nothing to write.
    chased = _chased({key[0] for key in missing})
    missing = [key for key in missing if key[0] in chased]
    names = NOTIFICATION_FIELDS if planned_at is None else (*NOTIFICATION_FIELDS, "planned_at")
    written: list[recipients.Step] = []
    for start in range(0, len(missing), CHUNK):
        rows: list[tuple] = missing[start : start + CHUNK]
        if planned_at is not None:
            rows = [(*row, planned_at) for row in rows]
        new = insert_returning(Notification, names, rows, ("id", "action_id", "level"))
        written += [recipients.Step(pk, a, level, *chased[a]) for pk, a, level in new]
    return len({key[0] for key in keys}), written


def _chased(action_ids: set[int]) -> dict[int, tuple[int | None, int, int]]:
    """Each action's owner, owning agency and committee."""
    found: dict[int, tuple[int | None, int, int]] = {}
    ordered = sorted(action_ids)
    for start in range(0, len(ordered), CHUNK):
        rows = Action.objects.filter(pk__any=ordered[start : start + CHUNK]).values_list(
            "pk", "owner_id", "owning_agency_id", "committee_id"
        )
        found.update((pk, (owner, agency, committee)) for pk, owner, agency, committee in rows)
    return found


def _by_action(steps: list[recipients.Step]) -> Iterator[list[recipients.Step]]:
    """The steps, CHUNK actions' worth at a time, each action's steps in one slice (a newer
    step supersedes an older one per action)."""
    steps = sorted(steps, key=lambda step: step.action_id)
    start, actions = 0, 0
    for n, step in enumerate(steps):
        if n and step.action_id != steps[n - 1].action_id:
            actions += 1
            if actions == CHUNK:
                yield steps[start:n]
                start, actions = n, 0
    if start < len(steps):
        yield steps[start:]


def plan_deliveries(
    result: SweepResult | None = None, queued_at: datetime.datetime | None = None
) -> int:
    """Give each notification not yet planned its recipients, one outbox row each. Returns rows
    written.

    actions/recipients.py chooses them: the ladder's people who can sign in and may see the
    action, falling back to the committee's officers; a newer step cancels a person's pending
    older one for the same action. `queued_at` (with `result`): the rows are written due at
    that moment and marked queued; `result.fresh` lists them for the sweep to queue straight
    after, in the same transaction.
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
            found = [recipients.Step(*step) for step in steps]
            written += _plan(found, result, queued_at)
            # One UPDATE by ids: bulk_update's CASE of one branch per row took 28% of a sweep.
            Notification.objects.filter(pk__any=[n.pk for n in found]).update(
                planned_at=timezone.now()
            )
        return written


def _plan(
    notifications: list[recipients.Step],
    result: SweepResult | None,
    queued_at: datetime.datetime | None,
) -> int:
    """Write the outbox rows of these steps (all of each action's new steps)."""
    if not notifications:
        return 0
    rows, unreached = recipients.plan(notifications)
    if queued_at is None:
        written = len(insert_returning(Delivery, recipients.DELIVERY_FIELDS, rows, ("id",)))
    else:
        # Written queued: marking 366,000 fresh rows queued afterwards was a London sweep's
        # costliest statement; and read back here, so that queueing them locks none of them.
        names = (*recipients.DELIVERY_FIELDS, "next_attempt_at", "queued_at")
        rows_due = [(*row, queued_at, queued_at) for row in rows]
        fresh = insert_returning(Delivery, names, rows_due, ("id", "recipient_id", "digest"))
        written = len(fresh)
    superseded = set(recipients.supersede({n.action_id for n in notifications}))
    if queued_at is not None and result is not None:
        result.fresh += [row for row in fresh if row[0] not in superseded]
    by_reason: dict[str, list[int]] = {}
    for pk, reason in unreached.items():
        by_reason.setdefault(reason, []).append(pk)
    for reason, pks in by_reason.items():
        Notification.objects.filter(pk__in=pks).update(unreached=reason)
    if result is not None:
        result.superseded += len(superseded)
        result.unreached += len(unreached)
    return written


def queue_due_deliveries(result: SweepResult, now: datetime.datetime | None = None) -> None:
    """Mark pending deliveries whose time has come as queued, and queue them after commit.

    Rows queued recently are left alone; a row whose task was lost (broker down, worker
    killed) is queued again once `CHASING_REQUEUE_SECONDS` have passed. Delivery claims rows,
    so a row queued twice is still sent once. `now`: the moment this sweep planned its new
    rows as queued (plan_deliveries' queued_at); those in `result.fresh` are queued too.
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
        result.fresh = []
        return
    stale = now - datetime.timedelta(seconds=settings.CHASING_REQUEUE_SECONDS)
    with transaction.atomic():
        # The rows written by this sweep are not locked again: no other transaction sees them
        # before it commits, and locking 366,000 of them rewrote every one.
        due = (
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(state=Delivery.State.PENDING, next_attempt_at__lte=now)
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=stale))
        )
        found = list(due.values_list("id", "recipient_id", "digest"))
        ids = [pk for pk, _, _ in found]
        for start in range(0, len(ids), CHUNK):
            Delivery.objects.filter(id__any=ids[start : start + CHUNK]).update(queued_at=now)
        rows = found + result.fresh
        result.fresh = []
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
        now = timezone.now()
        # The day's steps are written planned and planned straight from what was written:
        # reading them back and marking them planned cost a London sweep a tenth of its time.
        result.considered, steps = _write_steps(result.day, result.errors, planned_at=now)
        result.notifications = len(steps)
        queued_at = now if circuit.open_until() is None else None
        for chunk in _by_action(steps):
            result.deliveries += _plan(chunk, result, queued_at)
        del steps
        # Steps written but not planned by an earlier run (none, unless one was interrupted).
        result.deliveries += plan_deliveries(result, queued_at)
        # No log line here: each caller reports the summary once (the worker logs the task's
        # return value, the commands print it).
        queue_due_deliveries(result, now)
    return result
