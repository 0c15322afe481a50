"""The quorum and the meeting page's attendance panel, read from the meeting's invitations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from agencies.models import User
from meetings.models import Meeting

from .models import Invitation, QuorumRule

Capacity = Invitation.Capacity


@dataclass(frozen=True)
class QuorumStatus:
    """Whether a meeting is quorate now, and why not.

    Members present counts members and substitutes in the room; a required agency counts as
    present when one of its members or officers is in the room.
    """

    has_rule: bool
    members_present: int
    min_members_present: int
    required_agencies: tuple[str, ...]
    missing_agencies: tuple[str, ...]

    @property
    def members_short(self) -> int:
        """How many more members are needed."""
        return max(0, self.min_members_present - self.members_present)

    @property
    def met(self) -> bool:
        """Whether the quorum is met (a committee with no rule is always quorate)."""
        return self.members_short == 0 and not self.missing_agencies

    def as_dict(self) -> dict:
        """A JSON-ready form, for the page's live update."""
        return {
            "has_rule": self.has_rule,
            "met": self.met,
            "members_present": self.members_present,
            "min_members_present": self.min_members_present,
            "members_short": self.members_short,
            "required_agencies": list(self.required_agencies),
            "missing_agencies": list(self.missing_agencies),
        }


IN_ROOM = Q(status__in=Invitation.ATTENDING, capacity__in=[Capacity.MEMBER, Capacity.OFFICER])


def quorum_status(
    meeting: Meeting, in_room: Iterable[tuple[str, int | None]] | None = None
) -> QuorumStatus:
    """Whether the meeting is quorate on the attendance recorded so far. `in_room`: the
    (capacity, agency id) of the members and officers attending, when the caller has them."""
    rule = (
        QuorumRule.objects.filter(committee_id=meeting.committee_id)
        .prefetch_related("required_agencies")
        .first()
    )
    if in_room is None:
        in_room = Invitation.objects.filter(IN_ROOM, meeting=meeting).values_list(
            "capacity", "agency_id"
        )
    members = 0
    agencies_present: set[int | None] = set()
    for capacity, agency_id in in_room:
        members += capacity == Capacity.MEMBER
        agencies_present.add(agency_id)
    if rule is None:
        return QuorumStatus(False, members, 0, (), ())
    required = sorted(rule.required_agencies.all(), key=lambda a: a.name)
    return QuorumStatus(
        has_rule=True,
        members_present=members,
        min_members_present=rule.min_members_present,
        required_agencies=tuple(a.name for a in required),
        missing_agencies=tuple(a.name for a in required if a.id not in agencies_present),
    )


@dataclass(frozen=True)
class Panel:
    """What the meeting page's attendance panel needs of the meeting's invitations."""

    own: Invitation | None
    lead_invited: bool
    quorum: QuorumStatus


def attendance_panel_for(user: User, meeting: Meeting, lead_agency_ids: Iterable[int]) -> Panel:
    """The viewer's own invitation, whether an agency they lead is invited, and the quorum, from
    one read of the meeting's invitations (three reads before, on every agenda page)."""
    leads = set(lead_agency_ids)
    mine = Q(person=user) if user.is_authenticated else Q(pk__in=[])
    rows = list(
        Invitation.objects.filter(meeting=meeting)
        .filter(mine | IN_ROOM | Q(agency_id__in=leads))
        .select_related("agency")
        .order_by("id")
    )
    own = next((inv for inv in rows if user.is_authenticated and inv.person_id == user.pk), None)
    in_room = [
        (inv.capacity, inv.agency_id)
        for inv in rows
        if inv.status in Invitation.ATTENDING
        and inv.capacity in (Capacity.MEMBER, Capacity.OFFICER)
    ]
    return Panel(
        own=own,
        lead_invited=any(inv.agency_id in leads for inv in rows),
        quorum=quorum_status(meeting, in_room),
    )
