"""How long the public record stays up: the agenda, minutes and reports of a meeting held in
public for six years after it, background papers for four (Local Government Act 1972, sections
100C and 100D). The daily job marks what may be removed from its day on; it removes nothing and
marks nothing before its day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from meetings.models import Committee, Meeting, Paper

from .models import RemovableRecord

RECORD_YEARS = 6
BACKGROUND_YEARS = 4


def years_after(day: date, years: int) -> date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def removable_on(meeting_day: date, *, background: bool = False) -> date:
    """The first day a record (or a background paper) of that meeting may be removed."""
    return years_after(meeting_day, BACKGROUND_YEARS if background else RECORD_YEARS)


@transaction.atomic
def mark_removable(today: date) -> tuple[int, int]:
    """Mark the public meetings' records and papers whose day has come; (meetings, papers)."""
    # No record can be due before its meeting is BACKGROUND_YEARS old: only those are read.
    horizon = datetime.combine(
        years_after(today, -BACKGROUND_YEARS), time.max, tzinfo=timezone.get_current_timezone()
    )
    meetings = Meeting.objects.filter(committee__is_public=True, starts_at__lte=horizon)
    marked_meetings = set(
        RemovableRecord.objects.filter(meeting__isnull=False).values_list("meeting_id", flat=True)
    )
    marked_papers = set(
        RemovableRecord.objects.filter(paper__isnull=False).values_list("paper_id", flat=True)
    )
    new: list[RemovableRecord] = []
    days = {m.pk: timezone.localtime(m.starts_at).date() for m in meetings.only("id", "starts_at")}
    for meeting_id, day in days.items():
        due = removable_on(day)
        if due <= today and meeting_id not in marked_meetings:
            new.append(RemovableRecord(meeting_id=meeting_id, removable_since=due))
    papers = Paper.objects.filter(item__meeting__in=list(days)).values_list(
        "id", "item__meeting_id", "is_background"
    )
    for paper_id, meeting_id, background in papers:
        due = removable_on(days[meeting_id], background=background)
        if due <= today and paper_id not in marked_papers:
            new.append(RemovableRecord(paper_id=paper_id, removable_since=due))
    RemovableRecord.objects.bulk_create(new)
    meetings_marked = sum(1 for r in new if r.meeting_id)
    return meetings_marked, len(new) - meetings_marked


@dataclass(frozen=True)
class RemovableRow:
    """One marked record as staff read it: what it is, the rule and the day it became removable."""

    record: RemovableRecord
    what: str
    meeting: Meeting
    background: bool
    exempt: bool

    @property
    def rule(self) -> str:
        """The rule that made it removable."""
        if self.background:
            return f"Background paper: {BACKGROUND_YEARS} years after the meeting"
        return f"Agenda, minutes and papers: {RECORD_YEARS} years after the meeting"


def row_of(record: RemovableRecord) -> RemovableRow:
    """The row for a record read with its meeting, or its paper's item's meeting."""
    if record.paper is not None:
        paper = record.paper
        return RemovableRow(
            record,
            f"Paper: {paper.title}",
            paper.item.meeting,
            background=paper.is_background,
            exempt=paper.item.restricted,
        )
    assert record.meeting is not None  # the table's check constraint: a meeting or a paper
    what = "Agenda and minutes"
    return RemovableRow(record, what, record.meeting, background=False, exempt=False)


def removable_records(committee: Committee) -> list[RemovableRow]:
    """The committee's records the job has marked as removable, the longest removable first."""
    records = (
        RemovableRecord.objects.filter(
            Q(meeting__committee=committee) | Q(paper__item__meeting__committee=committee)
        )
        .select_related("meeting", "paper__item__meeting")
        .order_by("removable_since", "id")
    )
    return [row_of(record) for record in records]
