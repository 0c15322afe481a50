"""The agenda's revision: every agenda change claims the next one, so an edit made on a stale
copy of the agenda is refused instead of silently overwriting."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import F

from ..models import Meeting


class StaleAgenda(ValidationError):
    """The agenda changed since the person opened it."""

    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this agenda since you opened it. Your changes have not been "
            "saved; they are still in the form below. Check the agenda and save again.",
            code="stale",
        )


def bump(meeting: Meeting, expected_revision: int | None) -> None:
    """Claim the next revision of the agenda, or refuse a stale edit (atomic in the database)."""
    rows = Meeting.objects.filter(pk=meeting.pk)
    if expected_revision is not None:
        rows = rows.filter(agenda_revision=expected_revision)
    if rows.update(agenda_revision=F("agenda_revision") + 1) != 1:
        raise StaleAgenda()
    meeting.agenda_revision = Meeting.objects.values_list("agenda_revision", flat=True).get(
        pk=meeting.pk
    )


def validate_times(starts_at: datetime, ends_at: datetime) -> None:
    if starts_at is None or ends_at is None:
        raise ValidationError("Enter when the meeting starts and ends.")
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValidationError("Meeting times must include a time zone.")
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The meeting must end after it starts."})
