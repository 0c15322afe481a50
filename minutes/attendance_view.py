"""The attendance part of the minutes, built on `attendance.selectors.minutes_attendance`.

Until minutes are approved it is read live. On approval it is frozen into `Minutes.snapshot`
(as the chair or clerk who approves sees it, which is everything), so later changes to the
attendance record cannot change locked minutes. A frozen copy is filtered for each reader the
same way the live one is: a guest or a declaration tied to an item the reader may not see is
left out entirely.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime

from agencies.models import User
from attendance.selectors import (
    AttendeeLine,
    DeclarationLine,
    MinutesAttendance,
    minutes_attendance,
)
from meetings.models import Meeting

SNAPSHOT_VERSION = 1
_LISTS = ("present", "substitutes", "apologies", "absent", "officers", "observers")


@dataclass
class AttendanceView:
    """Who attended, as one reader of the minutes may see it."""

    present: list[AttendeeLine] = field(default_factory=list)
    substitutes: list[AttendeeLine] = field(default_factory=list)
    apologies: list[AttendeeLine] = field(default_factory=list)
    absent: list[AttendeeLine] = field(default_factory=list)
    officers: list[AttendeeLine] = field(default_factory=list)
    observers: list[AttendeeLine] = field(default_factory=list)
    guests_by_item: dict[int | None, list[AttendeeLine]] = field(default_factory=dict)
    declarations: list[DeclarationLine] = field(default_factory=list)
    ended_at: datetime | None = None

    @property
    def recorded(self) -> bool:
        """Whether any attendance was recorded (else "no apologies" would be a guess)."""
        return any(getattr(self, name) for name in _LISTS) or bool(self.guests_by_item)

    @property
    def attending(self) -> list[AttendeeLine]:
        """Members present and substitutes, as the minutes' "Present" list."""
        return [*self.present, *self.substitutes]

    @property
    def meeting_guests(self) -> list[AttendeeLine]:
        """Guests of the whole meeting (not of one item)."""
        return self.guests_by_item.get(None, [])


def _line_dict(line: AttendeeLine | DeclarationLine) -> dict:
    data = asdict(line)
    for key, value in data.items():
        if isinstance(value, datetime):
            data[key] = value.isoformat()
    return data


def _attendee(data: dict) -> AttendeeLine:
    known = {f.name for f in fields(AttendeeLine)}
    values = {key: value for key, value in data.items() if key in known}
    for key in ("arrived_at", "left_at"):
        if values.get(key):
            values[key] = datetime.fromisoformat(values[key])
    return AttendeeLine(**values)


def _declaration(data: dict) -> DeclarationLine:
    known = {f.name for f in fields(DeclarationLine)}
    return DeclarationLine(**{key: value for key, value in data.items() if key in known})


def snapshot_for(meeting: Meeting, by: User) -> dict:
    """The attendance and closing time of a meeting, as JSON, to freeze into approved minutes."""
    live = minutes_attendance(by, meeting)
    return {
        "version": SNAPSHOT_VERSION,
        "ended_at": meeting.ends_at.isoformat(),
        **{name: [_line_dict(line) for line in getattr(live, name)] for name in _LISTS},
        "guests": [_line_dict(line) for lines in live.guests_by_item.values() for line in lines],
        "declarations": [_line_dict(line) for line in live.declarations],
    }


def _from_live(live: MinutesAttendance, meeting: Meeting) -> AttendanceView:
    return AttendanceView(
        **{name: list(getattr(live, name)) for name in _LISTS},
        guests_by_item={key: list(lines) for key, lines in live.guests_by_item.items()},
        declarations=list(live.declarations),
        ended_at=meeting.ends_at,
    )


def _from_snapshot(snapshot: dict, visible_ids: set[int]) -> AttendanceView:
    def shown(data: dict) -> bool:
        return data.get("item_id") is None or data["item_id"] in visible_ids

    view = AttendanceView(
        **{name: [_attendee(d) for d in snapshot.get(name, []) if shown(d)] for name in _LISTS},
        guests_by_item={},
        declarations=[_declaration(d) for d in snapshot.get("declarations", []) if shown(d)],
        ended_at=datetime.fromisoformat(snapshot["ended_at"]) if snapshot.get("ended_at") else None,
    )
    for data in snapshot.get("guests", []):
        if shown(data):
            view.guests_by_item.setdefault(data.get("item_id"), []).append(_attendee(data))
    return view


def attendance_view(
    meeting: Meeting, user: User, snapshot: dict | None, visible_ids: set[int]
) -> AttendanceView:
    """The minutes' attendance for one reader: frozen if approved, else as recorded now."""
    if snapshot is not None:
        return _from_snapshot(snapshot, visible_ids)
    return _from_live(minutes_attendance(user, meeting), meeting)
