"""Agenda fixtures shared by the suites: a meeting with one item restricted to MOPAC."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from meetings import services
from meetings.models import AgendaItem, Meeting

LONDON = ZoneInfo("Europe/London")
SECRET = "Survivor testimony: the account of Ms X"


def at(day: str | date, hhmm: str) -> datetime:
    """An aware London datetime."""
    return datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=LONDON)


def day_from_today(days: int) -> str:
    """The ISO London date `days` after the day the suite runs: the suite passes on any day."""
    return (datetime.now(LONDON).date() + timedelta(days=days)).isoformat()


# The fixture meeting is a fortnight ahead, so that people can still send apologies for it and
# the tests that record its attendance use its own day.
MEETING_DAY = day_from_today(14)
MEETING_DATE = date.fromisoformat(MEETING_DAY)


def after_meeting(days: int) -> str:
    """The ISO date `days` after the fixture meeting's day (before it, when negative)."""
    return (MEETING_DATE + timedelta(days=days)).isoformat()


def long_date(day: str) -> str:
    """An ISO date as the product writes it in minutes ("28 November 2026")."""
    value = date.fromisoformat(day)
    return f"{value.day} {value:%B %Y}"


def month_of(day: date) -> tuple[date, date]:
    """The first and last days of the month that holds `day`."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def add(meeting: Meeting, title: str, **fields) -> AgendaItem:
    """Add an item at the end (of its parent), or right after `after=` when given."""
    meeting.refresh_from_db()
    fields.setdefault("at_end", "after" not in fields)
    return services.item_create(meeting=meeting, expected_revision=None, title=title, **fields)


@pytest.fixture
def meeting(world) -> Meeting:
    """A published meeting: 1 Apologies, 2 Minutes, 3 (restricted to MOPAC), 4 AOB."""
    m = services.meeting_create(
        committee=world.committee,
        title="Justice Matters: sexual violence",
        starts_at=at(MEETING_DAY, "10:00"),
        ends_at=at(MEETING_DAY, "13:00"),
        location="City Hall",
        use_template=False,
    )
    add(m, "Apologies for absence", kind=AgendaItem.Kind.APOLOGIES, planned_minutes=5)
    add(m, "Minutes of the last meeting", kind=AgendaItem.Kind.MINUTES, planned_minutes=10)
    secret = add(
        m,
        SECRET,
        planned_minutes=30,
        recommendation="That the panel hears the testimony in private.",
        lead_agency=world.mopac,
        presenters=[world.chair],
    )
    services.item_restrict(
        item=secret, expected_revision=None, restricted=True, agencies=[world.mopac]
    )
    add(m, "Any other business", kind=AgendaItem.Kind.AOB, planned_minutes=5)
    Meeting.objects.filter(pk=m.pk).update(status=Meeting.Status.PUBLISHED)
    m.refresh_from_db()
    return m


@pytest.fixture
def secret_item(meeting) -> AgendaItem:
    """The restricted item."""
    return meeting.items.get(restricted=True)
