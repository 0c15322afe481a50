"""Attendance statistics: per agency and per person over a period, as one viewer may see them.

Counted over the invitations attendance.selectors.visible_invitations lets the viewer see, so a
guest of a restricted item the viewer may not see is never counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Q

from agencies.models import User
from meetings import access
from meetings.models import Committee, Meeting

from .models import Invitation
from .selectors import visible_invitations

Status = Invitation.Status


@dataclass(frozen=True)
class StatsRow:
    """Attendance of one agency, or one person for one agency, over a period.

    expected: times they were expected (invited, not as a substitute); present, apologies,
    absent: what was recorded for those; not_recorded: still "expected" (unrecorded or future);
    substitute: times someone attended as a substitute. The rate is over recorded meetings:
    for an agency, (present + substitutes) / recorded, since a substitute keeps the agency at
    the table; for a person, present / recorded.
    """

    name: str
    agency: str
    expected: int
    present: int
    apologies: int
    absent: int
    substitute: int
    not_recorded: int
    counts_substitutes: bool

    @property
    def recorded(self) -> int:
        """Expected attendances whose outcome was recorded."""
        return self.expected - self.not_recorded

    @property
    def rate(self) -> float | None:
        """Share of recorded expected attendances that were kept, or None if none recorded."""
        if not self.recorded:
            return None
        attended = self.present + (self.substitute if self.counts_substitutes else 0)
        return min(1.0, attended / self.recorded)

    @property
    def rate_percent(self) -> str:
        """The rate as '85%', or 'n/a' when nothing was recorded."""
        return "n/a" if self.rate is None else f"{round(self.rate * 100)}%"


@dataclass(frozen=True)
class Statistics:
    """Attendance per agency and per person for a period, as one viewer may see it."""

    start: date
    end: date
    committee: Committee | None
    meetings: int
    agencies: tuple[StatsRow, ...]
    people: tuple[StatsRow, ...]


def _counts() -> dict:
    return {
        "expected": Count("id", filter=~Q(status=Status.SUBSTITUTE)),
        "present": Count("id", filter=Q(status=Status.PRESENT)),
        "apologies": Count("id", filter=Q(status=Status.APOLOGIES)),
        "absent": Count("id", filter=Q(status=Status.ABSENT)),
        "substitute": Count("id", filter=Q(status=Status.SUBSTITUTE)),
        "not_recorded": Count("id", filter=Q(status=Status.EXPECTED)),
    }


def attendance_statistics(
    user: User, *, start: date, end: date, committee: Committee | None = None
) -> Statistics:
    """Attendance per agency and per person at the meetings this person may see that took place
    (or are planned) from `start` to `end` inclusive, London dates; cancelled meetings left out.
    Anonymous guests and guests of items this person may not see are never counted."""
    tz = ZoneInfo("Europe/London")
    since = datetime.combine(start, time.min, tzinfo=tz)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    meetings = (
        access.visible_meetings(user)
        .filter(starts_at__gte=since, starts_at__lt=until)
        .exclude(status=Meeting.Status.CANCELLED)
    )
    if committee is not None:
        meetings = meetings.filter(committee=committee)
    invitations = visible_invitations(user).filter(
        meeting__in=meetings.values("id"), person__isnull=False
    )
    by_agency = (
        invitations.filter(agency__isnull=False)
        .values("agency_id", "agency__name")
        .annotate(**_counts())
        .order_by("agency__name")
    )
    by_person = (
        invitations.values("person_id", "person__full_name", "agency__name")
        .annotate(**_counts())
        .order_by("person__full_name", "agency__name")
    )
    fields = ("expected", "present", "apologies", "absent", "substitute", "not_recorded")
    return Statistics(
        start=start,
        end=end,
        committee=committee,
        meetings=meetings.count(),
        agencies=tuple(
            StatsRow(
                name=row["agency__name"],
                agency=row["agency__name"],
                counts_substitutes=True,
                **{f: row[f] for f in fields},
            )
            for row in by_agency
        ),
        people=tuple(
            StatsRow(
                name=row["person__full_name"],
                agency=row["agency__name"] or "",
                counts_substitutes=False,
                **{f: row[f] for f in fields},
            )
            for row in by_person
        ),
    )
