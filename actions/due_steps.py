"""Which rung of a committee's chasing ladder falls due when (DESIGN.md section 4).

A step is named by the day it fell due, so a sweep that runs late finds the same step it would
have found on time (actions/chasing.py writes each once).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from .models import ChasingPolicy, Notification

Kind = Notification.Kind
Level = Notification.Level


@dataclass(frozen=True)
class DueStep:
    """One rung of the ladder for one action."""

    kind: str
    level: int
    day: datetime.date


def policy_steps(
    policy: ChasingPolicy, due: datetime.date, today: datetime.date
) -> Iterator[DueStep]:
    """The latest step of each track that has fallen due by `today`.

    Only the latest step of the owner's track is written, so an action recorded already late, or
    a sweep that missed days, sends one current reminder rather than every one it missed.
    """
    owner: DueStep | None = None
    for days in sorted({int(d) for d in policy.remind_days_before}, reverse=True):
        if due - datetime.timedelta(days=days) <= today:
            owner = DueStep(Kind.REMINDER, Level.OWNER, due - datetime.timedelta(days=days))
    if policy.remind_on_due_day and due <= today:
        owner = DueStep(Kind.REMINDER, Level.OWNER, due)
    late = (today - due).days
    if late >= 1:
        repeat = max(policy.overdue_repeat_days, 1)
        owner = DueStep(
            Kind.OVERDUE,
            Level.OWNER,
            due + datetime.timedelta(days=1 + (late - 1) // repeat * repeat),
        )
    if owner is not None:
        yield owner
    if late >= policy.managers_after_days > 0:
        yield DueStep(
            Kind.ESCALATION,
            Level.MANAGERS,
            due + datetime.timedelta(days=policy.managers_after_days),
        )
    if late >= policy.officers_after_days > 0:
        yield DueStep(
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


def steps_or_error(
    policy: ChasingPolicy, due: datetime.date, today: datetime.date
) -> list[DueStep] | Exception:
    """policy_steps as a list, or what it raised (kept, so each row it concerns is recorded)."""
    try:
        return list(policy_steps(policy, due, today))
    except Exception as error:  # isolate the rows whatever it raised
        return error
