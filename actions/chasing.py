"""The chasing sweep (DESIGN.md section 4): which ladder steps fell due, written once each.

The sweep is set-based so that it stays fast over a large register: one query for the actions
that can have a step due, one for the steps already written, one bulk insert. A step's key is
(action, kind, level, day) where `day` is the London date the step fell due, so a sweep that
runs late (broker down, server off) writes the same key it would have written on time, and a
second sweep, or two at once, writes nothing new.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from agencies.models import Membership, User, can_sign_in_q
from meetings.models import Committee

from .models import Action, ChasingPolicy, Delivery, Notification

Kind = Notification.Kind
Level = Notification.Level
Key = tuple[int, str, int, datetime.date]


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

    def summary(self) -> str:
        """One line for logs and the management command."""
        return (
            f"{self.day:%d %b %Y}: {self.considered} actions with a step due, "
            f"{self.notifications} new notifications, {self.deliveries} new deliveries; "
            f"queued {len(self.queued)} emails and {len(self.digests)} digests"
        )


def _candidates(today: datetime.date, by_committee: dict) -> Iterator[Key]:
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
    for action_id, committee_id, due in rows:
        if due is None:  # excluded by the query; the column is nullable
            continue
        policy = by_committee.get(committee_id) or by_committee[None]
        for step in policy_steps(policy, due, today):
            yield (action_id, step.kind, step.level, step.day)


def _existing(keys: set[Key]) -> set[Key]:
    found: set[Key] = set()
    if not keys:
        return found
    first_day = min(key[3] for key in keys)
    action_ids = sorted({key[0] for key in keys})
    for start in range(0, len(action_ids), 5000):
        rows = Notification.objects.filter(
            action_id__in=action_ids[start : start + 5000], day__gte=first_day
        ).values_list("action_id", "kind", "level", "day")
        found.update(rows)
    return found & keys


def write_notifications(today: datetime.date) -> tuple[int, int]:
    """Write the steps that fell due and are not written yet. Returns (considered, written)."""
    keys = set(_candidates(today, policies()))
    missing = keys - _existing(keys)
    Notification.objects.bulk_create(
        [Notification(action_id=a, kind=k, level=lv, day=d) for a, k, lv, d in sorted(missing)],
        batch_size=2000,
        ignore_conflicts=True,
    )
    return len({key[0] for key in keys}), len(missing)


def _people_by_agency(agency_ids: Iterable[int], role: str) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    rows = Membership.objects.filter(
        can_sign_in_q("user__"), agency_id__in=set(agency_ids), role=role
    )
    for agency_id, user_id in rows.values_list("agency_id", "user_id"):
        found.setdefault(agency_id, []).append(user_id)
    return found


def _officers(committee_ids: Iterable[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    through = (Committee.chairs.through, Committee.secretariat.through)
    for model in through:
        rows = model.objects.filter(committee_id__in=set(committee_ids), user__is_active=True)
        for committee_id, user_id in rows.values_list("committee_id", "user_id"):
            found.setdefault(committee_id, []).append(user_id)
    return found


def plan_deliveries() -> int:
    """Give each new notification its recipients, one outbox row each. Returns rows written.

    The ladder: the owner (or, while unassigned, the owning agency's leads) for reminders;
    the agency's managers (leads when it has none) and then the committee's chairs and
    secretariat for escalations, who read them in a daily digest.
    """
    with transaction.atomic():
        notifications = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(planned_at__isnull=True)
            .select_related("action")
        )
        if not notifications:
            return 0
        agencies = {n.action.owning_agency_id for n in notifications}
        leads = _people_by_agency(agencies, Membership.Role.LEAD)
        managers = _people_by_agency(agencies, Membership.Role.MANAGER)
        officers = _officers({n.action.committee_id for n in notifications})
        owners = set(
            User.objects.filter(
                pk__in={n.action.owner_id for n in notifications if n.action.owner_id},
                is_active=True,
            ).values_list("pk", flat=True)
        )
        rows = []
        for notification in notifications:
            action = notification.action
            agency = action.owning_agency_id
            if notification.level == Level.OWNER:
                people = [action.owner_id] if action.owner_id in owners else leads.get(agency, [])
                people = people or managers.get(agency, []) or officers.get(action.committee_id, [])
            elif notification.level == Level.MANAGERS:
                people = managers.get(agency) or leads.get(agency, [])
            else:
                people = officers.get(action.committee_id, [])
            digest = notification.level != Level.OWNER
            rows += [
                Delivery(notification=notification, recipient_id=person, digest=digest)
                for person in sorted(set(people))
            ]
        Delivery.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
        # One UPDATE by ids: bulk_update's CASE of one branch per row took 28% of a sweep.
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            planned_at=timezone.now()
        )
        return len(rows)


def queue_due_deliveries(result: SweepResult) -> None:
    """Mark pending deliveries whose time has come as queued, and queue them after commit.

    Rows queued recently are left alone; a row whose task was lost (broker down, worker
    killed) is queued again once `CHASING_REQUEUE_SECONDS` have passed. Delivery claims rows,
    so a row queued twice is still sent once.
    """
    from . import tasks

    now = timezone.now()
    stale = now - datetime.timedelta(seconds=settings.CHASING_REQUEUE_SECONDS)
    with transaction.atomic():
        due = (
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(state=Delivery.State.PENDING, next_attempt_at__lte=now)
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=stale))
        )
        rows = list(due.values_list("id", "recipient_id", "digest"))
        Delivery.objects.filter(id__in=[row[0] for row in rows]).update(queued_at=now)
        result.queued = sorted(row[0] for row in rows if not row[2])
        result.digests = sorted({row[1] for row in rows if row[2]})
        transaction.on_commit(
            lambda: tasks.queue_deliveries(result.queued, result.digests), robust=True
        )


def sweep(today: datetime.date | None = None) -> SweepResult:
    """One run of the chasing sweep: write due steps, plan recipients, queue delivery."""
    result = SweepResult(day=today or timezone.localdate())
    result.considered, result.notifications = write_notifications(result.day)
    result.deliveries = plan_deliveries()
    # No log line here: each caller reports the summary once (the worker logs the task's
    # return value, the commands print it).
    queue_due_deliveries(result)
    return result
