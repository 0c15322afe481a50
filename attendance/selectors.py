"""Reads for attendance: what the minutes say about who came, the quorum, and the attendance page
(the statistics over many meetings are in attendance.statistics).

Everything here is filtered through meetings.access: a guest invited for a restricted item the
viewer may not see is left out entirely (their name would say who is giving that testimony), and
so is a declaration on such an item.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from agencies.models import User
from meetings import access
from meetings.models import Meeting

from .models import AttendanceChange, Declaration, Invitation
from .quorum import QuorumStatus, quorum_status
from .rules import Recorder, recorder_of

Capacity = Invitation.Capacity
Status = Invitation.Status


@dataclass(frozen=True)
class AttendeeLine:
    """One person as the minutes list them.

    `agency_name`/`agency_short_name` are "" for a guest who attends for no agency.
    `arrived_at`/`left_at` are aware datetimes (UTC; show them in Europe/London) set only when the
    person came late or left early. `substitute_for` is the name of the person a substitute stood
    in for; `substituted_by` is the name of whoever substituted for someone who sent apologies.
    `item_id` is the agenda item (or part) a guest was invited for, else None.
    `person_id` is None (and `name` a pseudonym) for an anonymous guest such as a survivor.
    """

    invitation_id: int
    person_id: int | None
    name: str
    job_title: str
    agency_name: str
    agency_short_name: str
    capacity: str
    capacity_label: str
    status: str
    is_chair: bool = False
    arrived_at: datetime | None = None
    left_at: datetime | None = None
    substitute_for: str | None = None
    substituted_by: str | None = None
    item_id: int | None = None

    @property
    def arrived_late(self) -> bool:
        """Whether they came after the start."""
        return self.arrived_at is not None

    @property
    def left_early(self) -> bool:
        """Whether they left before the end."""
        return self.left_at is not None


@dataclass(frozen=True)
class DeclarationLine:
    """A declaration of interest: who, on which item (None: the meeting's business), what."""

    declaration_id: int
    person_id: int
    name: str
    item_id: int | None
    nature: str


@dataclass(frozen=True)
class MinutesAttendance:
    """Who attended a meeting, as a given person may see it, for the minutes.

    - present: members present (capacity member, status present), chairs first; late arrival and
      early leaving are on each line.
    - substitutes: people who attended as substitutes (`substitute_for` names whom).
    - apologies: everyone visible who sent apologies, any capacity (`substituted_by` names the
      substitute, if any); filter on `capacity` for members only.
    - absent: everyone visible recorded absent (no apologies), any capacity.
    - officers: officers present.
    - observers: observers present.
    - guests_by_item: guests present, keyed by the agenda item id they were invited for (None for
      guests of the whole meeting). Guests of items the person may not see are omitted, keys and
      all, so iterate over the agenda (meetings.selectors.agenda_for) and look rows up by id.
    - declarations: in recording order; those on items the person may not see are omitted.
    - quorum: whether the meeting is quorate on what was recorded.
    """

    meeting_id: int
    present: tuple[AttendeeLine, ...]
    substitutes: tuple[AttendeeLine, ...]
    apologies: tuple[AttendeeLine, ...]
    absent: tuple[AttendeeLine, ...]
    officers: tuple[AttendeeLine, ...]
    observers: tuple[AttendeeLine, ...]
    guests_by_item: dict[int | None, tuple[AttendeeLine, ...]]
    declarations: tuple[DeclarationLine, ...]
    quorum: QuorumStatus


def visible_item_ids(user: User, meeting: Meeting) -> set[int]:
    """Ids of the meeting's agenda items whose content this person may see."""
    return set(access.meeting_items(user, meeting).values_list("id", flat=True))


def visible_invitations(
    user: User, meetings: QuerySet[Meeting] | None = None
) -> QuerySet[Invitation]:
    """Invitations this person may see: of meetings they may see, and not tied to a restricted
    item they may not see. With `meetings` (a query of access.visible_meetings), of those
    meetings only, without building the meeting rule a second and third time."""
    if meetings is None:
        meetings = access.visible_meetings(user)
    return Invitation.objects.filter(meeting__in=meetings.values("id")).filter(
        Q(agenda_item__isnull=True)
        | Q(agenda_item__in=access.visible_agenda_items(user, meetings).values("id"))
    )


def meeting_invitations(user: User, meeting: Meeting) -> list[Invitation]:
    """The meeting's invitations this person may see, in order, with people and agencies."""
    return _in_order(visible_invitations(user).filter(meeting=meeting))


def _in_order(invitations: QuerySet[Invitation]) -> list[Invitation]:
    return list(
        invitations.select_related("person", "agency", "substitute_for__person").order_by(
            "position", "person__full_name", "id"
        )
    )


def _line(inv: Invitation, chair_ids: set[int], substituted_by: dict[int, str]) -> AttendeeLine:
    attending = inv.status in Invitation.ATTENDING
    return AttendeeLine(
        invitation_id=inv.id,
        person_id=inv.person_id,
        name=inv.name,
        job_title=inv.person.job_title if inv.person else "",
        agency_name=inv.agency.name if inv.agency else "",
        agency_short_name=inv.agency.short_name if inv.agency else "",
        capacity=inv.capacity,
        capacity_label=inv.get_capacity_display(),
        status=inv.status,
        is_chair=inv.person_id in chair_ids,
        arrived_at=inv.arrived_at if attending else None,
        left_at=inv.left_at if attending else None,
        substitute_for=inv.substitute_for.name if inv.substitute_for else None,
        substituted_by=substituted_by.get(inv.id),
        item_id=inv.agenda_item_id,
    )


def minutes_attendance(user: User, meeting: Meeting) -> MinutesAttendance:
    """Who attended, sent apologies, substituted or declared an interest, as `user` may see it.

    Raises Http404 if the person may not see the meeting. See MinutesAttendance for the shape.
    """
    if not access.visible_meetings(user).filter(pk=meeting.pk).exists():
        raise Http404("No such meeting.")
    invitations = meeting_invitations(user, meeting)
    chair_ids = set(meeting.chairs.values_list("id", flat=True))
    substituted_by = {
        inv.substitute_for_id: inv.name for inv in invitations if inv.substitute_for_id
    }
    lines = [_line(inv, chair_ids, substituted_by) for inv in invitations]

    def pick(status: tuple[str, ...], capacity: str | None = None) -> tuple[AttendeeLine, ...]:
        return tuple(
            line
            for line in lines
            if line.status in status and (capacity is None or line.capacity == capacity)
        )

    present = sorted(pick((Status.PRESENT,), Capacity.MEMBER), key=lambda line: not line.is_chair)
    guests: dict[int | None, list[AttendeeLine]] = {}
    for line in pick(Invitation.ATTENDING, Capacity.GUEST):
        guests.setdefault(line.item_id, []).append(line)
    declarations = (
        Declaration.objects.filter(meeting=meeting)
        .filter(
            Q(agenda_item__isnull=True)
            | Q(agenda_item__in=access.visible_agenda_items(user).values("id"))
        )
        .select_related("person")
        .order_by("id")
    )
    return MinutesAttendance(
        meeting_id=meeting.id,
        present=tuple(present),
        substitutes=tuple(
            line for line in pick((Status.SUBSTITUTE,)) if line.capacity != Capacity.GUEST
        ),
        apologies=pick((Status.APOLOGIES,)),
        absent=pick((Status.ABSENT,)),
        officers=pick((Status.PRESENT,), Capacity.OFFICER),
        observers=pick((Status.PRESENT,), Capacity.OBSERVER),
        guests_by_item={key: tuple(value) for key, value in guests.items()},
        declarations=tuple(
            DeclarationLine(
                declaration_id=d.id,
                person_id=d.person_id,
                name=d.person.full_name,
                item_id=d.agenda_item_id,
                nature=d.nature,
            )
            for d in declarations
        ),
        quorum=quorum_status(meeting),
    )


@dataclass
class AttendanceRow:
    """One invited person on the attendance page, as the viewer may see and change it."""

    invitation: Invitation
    editable: bool
    is_self: bool
    item_label: str = ""
    substituted_by: Invitation | None = None


@dataclass
class AttendancePage:
    """A meeting's attendance for one viewer: rows grouped by capacity, and the quorum."""

    meeting: Meeting
    groups: list[tuple[str, list[AttendanceRow]]]
    quorum: QuorumStatus
    recorder: Recorder
    own: Invitation | None
    item_labels: dict[int, str]

    @property
    def rows(self) -> list[AttendanceRow]:
        """Every row, in page order."""
        return [row for _, rows in self.groups for row in rows]

    @property
    def cancelled(self) -> bool:
        """Whether the meeting was cancelled: then nothing on the page can be recorded."""
        return self.meeting.status == Meeting.Status.CANCELLED

    @property
    def editable_rows(self) -> list[AttendanceRow]:
        """The rows this viewer may record (none of a cancelled meeting)."""
        return [] if self.cancelled else [row for row in self.rows if row.editable]


GROUP_TITLES: dict[str, str] = {
    Capacity.MEMBER: "Members",
    Capacity.OFFICER: "Officers",
    Capacity.GUEST: "Guests",
    Capacity.OBSERVER: "Observers",
}


def item_labels(viewer: access.MeetingViewer) -> dict[int, str]:
    """'5.1 Part A: ...' labels of the items this person may see, by id."""
    from meetings.selectors import number_rows

    meeting = viewer.meeting
    items = list(meeting.items.filter(id__in=viewer.item_ids).only("id", "title"))
    structure = list(
        meeting.items.only("id", "parent_id", "position", "kind").order_by("position", "id")
    )
    numbers = {item.id: number for item, number, _ in number_rows(structure)}
    return {item.id: f"{numbers.get(item.id, '')} {item.title}".strip() for item in items}


def attendance_page(viewer: access.MeetingViewer) -> AttendancePage:
    """Everything the attendance page shows, in a fixed number of queries."""
    meeting = viewer.meeting
    recorder = recorder_of(viewer)
    invitations = _in_order(
        Invitation.objects.filter(meeting=meeting).filter(
            Q(agenda_item__isnull=True) | Q(agenda_item__in=viewer.item_ids)
        )
    )
    labels = item_labels(viewer)
    substitutes = {inv.substitute_for_id: inv for inv in invitations if inv.substitute_for_id}
    groups: dict[str, list[AttendanceRow]] = {capacity: [] for capacity in GROUP_TITLES}
    own = None
    for inv in invitations:
        is_self = recorder.is_self(inv)
        if is_self:
            own = inv
        groups[inv.capacity].append(
            AttendanceRow(
                invitation=inv,
                editable=recorder.may_record(inv),
                is_self=is_self,
                item_label=labels.get(inv.agenda_item_id, "") if inv.agenda_item_id else "",
                substituted_by=substitutes.get(inv.id),
            )
        )
    return AttendancePage(
        meeting=meeting,
        groups=[(GROUP_TITLES[c], rows) for c, rows in groups.items() if rows],
        quorum=quorum_status(meeting),
        recorder=recorder,
        own=own,
        item_labels=labels,
    )


def attendance_history(user: User, meeting: Meeting) -> QuerySet[AttendanceChange]:
    """The recorded changes of the attendance this person may see, newest first."""
    return (
        AttendanceChange.objects.filter(
            invitation__in=visible_invitations(user).filter(meeting=meeting).values("id")
        )
        .select_related("changed_by", "invitation__person")
        .order_by("-changed_at", "-id")
    )


def meeting_declarations(user: User, meeting: Meeting) -> QuerySet[Declaration]:
    """Declarations at a meeting, leaving out those on items this person may not see."""
    return (
        Declaration.objects.filter(meeting=meeting)
        .filter(
            Q(agenda_item__isnull=True)
            | Q(agenda_item__in=access.visible_agenda_items(user).values("id"))
        )
        .select_related("person", "recorded_by")
        .order_by("id")
    )
