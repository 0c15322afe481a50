"""Creating and changing meetings (their lifecycle is in lifecycle.py)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from agencies.models import User
from core.unset import UNSET, Unset, given

from ..models import Committee, Meeting
from .agenda import agenda_apply_template
from .revision import bump, validate_times


@transaction.atomic
def meeting_create(
    *,
    committee: Committee,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    chairs: list[User] | None = None,
    use_template: bool = True,
) -> Meeting:
    """Create a draft meeting; its agenda starts from the committee's standing agenda."""
    validate_times(starts_at, ends_at)
    meeting = Meeting(
        committee=committee,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location or committee.default_location,
    )
    meeting.full_clean()
    meeting.save()
    meeting.chairs.set(chairs if chairs is not None else committee.chairs.all())
    if use_template:
        agenda_apply_template(meeting=meeting, template=committee.standing_agenda)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    expected_revision: int | None,
    title: str | Unset = UNSET,
    starts_at: datetime | Unset = UNSET,
    ends_at: datetime | Unset = UNSET,
    location: str | Unset = UNSET,
) -> Meeting:
    """Change a meeting's title, times or place: only the fields given."""
    bump(meeting, expected_revision)
    changes = given(title=title, starts_at=starts_at, ends_at=ends_at, location=location)
    for name, value in changes.items():
        setattr(meeting, name, value)
    validate_times(meeting.starts_at, meeting.ends_at)
    meeting.full_clean()
    meeting.save()
    return meeting
