"""The meeting lifecycle: one table of the moves a meeting may make, and the services that
make them.

    draft -> agenda published -> held -> minutes drafted -> minutes approved
    draft or agenda published -> cancelled

A published meeting becomes held when its end has passed (the beat marks it) or when a chair
or the secretariat marks it. Minutes may be drafted before anyone marks the meeting held, so
the minutes' stages may also follow "agenda published" directly.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agencies.models import User

from ..models import Meeting
from ..notices import tell_cancelled
from .revision import bump

Status = Meeting.Status

MOVES: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.PUBLISHED, Status.CANCELLED}),
    Status.PUBLISHED: frozenset(
        {Status.HELD, Status.MINUTES_DRAFTED, Status.MINUTES_APPROVED, Status.CANCELLED}
    ),
    Status.HELD: frozenset({Status.MINUTES_DRAFTED, Status.MINUTES_APPROVED}),
    Status.MINUTES_DRAFTED: frozenset({Status.MINUTES_APPROVED}),
    Status.MINUTES_APPROVED: frozenset(),
    Status.CANCELLED: frozenset(),
}

REFUSALS: dict[str, str] = {
    Status.PUBLISHED: "A {status} meeting's agenda cannot be published.",
    Status.HELD: "A meeting that is {status} cannot be marked as held.",
    Status.CANCELLED: "A meeting that is {status} cannot be cancelled.",
}


def can_move(meeting: Meeting, to: str) -> bool:
    """Whether the table lets this meeting move to `to` now (and time: a meeting is held only
    once it has begun)."""
    if to == Status.HELD and not meeting_has_begun(meeting):
        return False
    return to in MOVES[meeting.status]


def meeting_has_begun(meeting: Meeting, *, now: datetime.datetime | None = None) -> bool:
    """Whether the meeting's start has come: before it, it cannot be held or minuted, nor
    earlier minutes approved at it."""
    return meeting.starts_at <= (now or timezone.now())


def _move(meeting: Meeting, to: str) -> Meeting:
    if not can_move(meeting, to):
        status = meeting.get_status_display().lower()
        raise ValidationError(REFUSALS[to].format(status=status), code="stage")
    meeting.status = to
    meeting.save(update_fields=["status"])
    return meeting


def publish_status(meeting: Meeting) -> Meeting:
    """Refuse to publish a cancelled meeting's agenda; a draft becomes "agenda published".

    A later version of a published, held or minuted meeting's agenda keeps its status."""
    if meeting.status == Status.CANCELLED:
        raise ValidationError(REFUSALS[Status.PUBLISHED].format(status="cancelled"), code="stage")
    if meeting.status == Status.DRAFT:
        _move(meeting, Status.PUBLISHED)
    return meeting


@transaction.atomic
def meeting_cancel(
    *, meeting: Meeting, expected_revision: int | None, by: User | None = None
) -> Meeting:
    """Cancel a meeting that has not been held; calendars then show it as cancelled, and
    everyone sent its agenda and its officers (but `by`) are told, once."""
    if not can_move(meeting, Status.CANCELLED):
        raise ValidationError(
            REFUSALS[Status.CANCELLED].format(status=meeting.get_status_display().lower()),
            code="stage",
        )
    bump(meeting, expected_revision)
    _move(meeting, Status.CANCELLED)
    tell_cancelled(meeting, by)
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, expected_revision: int | None) -> Meeting:
    """A chair or the secretariat marks a published meeting as held (it took place)."""
    if not meeting_has_begun(meeting):
        raise ValidationError(
            "The meeting has not begun yet: it can be marked as held once it has.", code="stage"
        )
    if not can_move(meeting, Status.HELD):
        raise ValidationError(
            REFUSALS[Status.HELD].format(status=meeting.get_status_display().lower()),
            code="stage",
        )
    bump(meeting, expected_revision)
    return _move(meeting, Status.HELD)


def meetings_mark_past_held(*, now: datetime.datetime | None = None) -> int:
    """Mark every published meeting whose end has passed as held, in one UPDATE; returns how
    many. Running it twice changes nothing."""
    now = now or timezone.now()
    return Meeting.objects.filter(status=Status.PUBLISHED, ends_at__lte=now).update(
        status=Status.HELD
    )


@transaction.atomic
def meeting_minutes_progress(*, meeting: Meeting, approved: bool) -> Meeting:
    """Move a meeting on to "minutes drafted" or "minutes approved" as its minutes progress:
    never backwards, and never a draft or cancelled meeting (the table has no such move)."""
    target = Status.MINUTES_APPROVED if approved else Status.MINUTES_DRAFTED
    if can_move(meeting, target):
        Meeting.objects.filter(pk=meeting.pk).update(status=target)
        meeting.status = target
    return meeting
