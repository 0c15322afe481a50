"""The statutory clock of a committee that meets in public.

Its agenda must be published at least five clear days before the meeting (Local Government Act
1972, section 100B(3)): clear days leave out the day of publication, the day of the meeting,
weekends and bank holidays in England and Wales. An agenda published later needs a reason of
urgency, recorded with the version and shown on the public page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone

from .models import Meeting

CLEAR_DAYS = 5
# The editor warns once this many working days or fewer are left before the deadline.
WARN_WORKING_DAYS = 2


@lru_cache(maxsize=32)
def _bank_holidays(year: int) -> frozenset[date]:
    # England's list is England and Wales's (the library keeps Wales's the same).
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday, not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def clear_days(published_on: date, meeting_on: date) -> int:
    """Working days strictly between the day of publication and the day of the meeting."""
    day, count = published_on + timedelta(days=1), 0
    while day < meeting_on:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def publication_deadline(meeting_on: date) -> date:
    """The last day on which the agenda may be published with five clear days to spare."""
    day, counted = meeting_on, 0
    while counted < CLEAR_DAYS:
        day -= timedelta(days=1)
        counted += is_working_day(day)
    return day - timedelta(days=1)


@dataclass(frozen=True)
class Clock:
    """Where a public meeting's agenda stands against its deadline, on a given day."""

    deadline: date
    today: date
    published_on: date | None = None

    @property
    def late(self) -> bool:
        """Published (or, unpublished, still to be published) after the deadline."""
        return (self.published_on or self.today) > self.deadline

    @property
    def working_days_left(self) -> int:
        """Working days from today up to and including the deadline."""
        return clear_days(self.today - timedelta(days=1), self.deadline + timedelta(days=1))

    @property
    def near(self) -> bool:
        """Unpublished, not yet late, and the deadline close."""
        return (
            not self.published_on and not self.late and self.working_days_left <= WARN_WORKING_DAYS
        )


def clock_for(meeting: Meeting, today: date | None = None) -> Clock | None:
    """The clock of a meeting of a committee that meets in public; None for other committees."""
    if not meeting.committee.is_public:
        return None
    first = meeting.versions.order_by("number").first()
    return Clock(
        deadline=publication_deadline(timezone.localtime(meeting.starts_at).date()),
        today=today or timezone.localdate(),
        published_on=timezone.localtime(first.published_at).date() if first else None,
    )
