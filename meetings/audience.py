"""Who a meeting's agenda goes to: the people invited to it.

Invitations are attendance's, a floor above meetings, so attendance registers how to read and
make them here in AttendanceConfig.ready (as actions follows restrictions through
services.agenda.RESTRICTION_FOLLOWERS). Without attendance installed, the committee's people are
the audience.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.db.models import Q, QuerySet

from agencies.models import Membership, User

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
    """Who is emailed the agenda: everyone invited, and (once anyone is) the managers of the
    committee's agencies, who are kept informed though not invited to attend (see
    committee_people); active people with an email address."""
    invited = invited_people(meeting)
    people = User.objects.filter(pk__in=invited.values("pk"))
    if invited.exists():
        committee = meeting.committee
        agencies = [committee.host_id, *committee.member_agencies.values_list("id", flat=True)]
        managers = User.objects.can_sign_in().filter(
            memberships__agency__in=agencies, memberships__role=Membership.Role.MANAGER
        )
        people = User.objects.filter(
            Q(pk__in=invited.values("pk")) | Q(pk__in=managers.values("pk"))
        )
    return people.filter(is_active=True).exclude(email="").order_by("id")


def invite_committee(*, meeting: Meeting, by: User) -> int:
    """Invite the meeting's committee (chairs, secretariat, leads and members); returns how many
    were newly invited."""
    if AUDIENCE.invite_committee is None:
        return 0
    return AUDIENCE.invite_committee(meeting=meeting, by=by)
