"""Who a meeting's agenda goes to: the people invited to it.

Invitations are attendance's, a floor above meetings, so attendance registers how to read and
make them here in AttendanceConfig.ready (as actions follows restrictions through
services.agenda.RESTRICTION_FOLLOWERS). Without attendance installed, the committee's people are
the audience.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.db.models import QuerySet

from agencies.models import User

from .models import Meeting
from .selectors import committee_people


class InvitedPeople(Protocol):
    """Reads the people invited to a meeting."""

    def __call__(self, meeting: Meeting) -> QuerySet[User]: ...


class CommitteeInviter(Protocol):
    """Invites a meeting's committee; returns how many were newly invited."""

    def __call__(self, *, meeting: Meeting, by: User) -> int: ...


@dataclass
class Audience:
    """The hooks attendance registers."""

    invited: InvitedPeople | None = None
    invite_committee: CommitteeInviter | None = None


AUDIENCE = Audience()


def invited_people(meeting: Meeting) -> QuerySet[User]:
    """Everyone invited to the meeting who has an account (anonymous guests have none)."""
    if AUDIENCE.invited is None:
        return committee_people(meeting.committee)
    return AUDIENCE.invited(meeting)


def agenda_recipients(meeting: Meeting) -> QuerySet[User]:
    """Who is emailed the agenda: the invited who are active and can sign in."""
    return invited_people(meeting).filter(is_active=True).exclude(email="").order_by("id")


def invite_committee(*, meeting: Meeting, by: User) -> int:
    """Invite the meeting's committee (chairs, secretariat, leads and members); returns how many
    were newly invited."""
    if AUDIENCE.invite_committee is None:
        return 0
    return AUDIENCE.invite_committee(meeting=meeting, by=by)
