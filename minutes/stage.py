"""The stage of a meeting's minutes as its page shows it, and the earlier minutes awaiting
approval at it."""

from __future__ import annotations

from dataclasses import dataclass

from agencies.models import User
from meetings import access
from meetings.models import Meeting
from meetings.services import meeting_has_begun

from .models import Minutes
from .selectors import NOT_STARTED, approval_candidates, minutes_record


@dataclass
class MinutesStage:
    """What the meeting page says about the minutes."""

    record: Minutes | None
    is_officer: bool
    meeting_open: bool = False
    awaiting: int = 0

    @property
    def label(self) -> str:
        """The stage's name."""
        return self.record.get_stage_display() if self.record else NOT_STARTED

    @property
    def circulated(self) -> bool:
        """Whether the minutes have left the draft stage (everyone who sees the meeting reads
        them, and they have a PDF)."""
        return self.record is not None and self.record.stage != Minutes.Stage.DRAFT

    @property
    def can_open(self) -> bool:
        """Whether the page links to the minutes: those who run a meeting that is neither a
        draft nor cancelled start or edit them; others read them once circulated."""
        return (self.is_officer and self.meeting_open) or self.circulated


def minutes_stage(user: User, meeting: Meeting) -> MinutesStage:
    """The stage of a meeting's minutes, and for officers how many earlier minutes await
    approval at this meeting."""
    is_officer = access.is_committee_officer(user, meeting.committee)
    # Minutes are taken of a published meeting once it has begun (held), never before.
    meeting_open = meeting.status not in (
        Meeting.Status.DRAFT,
        Meeting.Status.CANCELLED,
    ) and meeting_has_begun(meeting)
    stage = MinutesStage(
        record=minutes_record(meeting), is_officer=is_officer, meeting_open=meeting_open
    )
    if is_officer and meeting_open:
        stage.awaiting = approval_candidates(meeting).count()
    return stage
