"""Reads for minutes: the minutes document as one person may see it.

What is in it comes from `meetings.selectors.agenda_for`: an item the person may not see is its
placeholder ("Restricted item 6") and nothing of its minute, resolutions, comments, amendments,
guests or declarations is read for them. Draft minutes are read only by the committee's chairs
and secretariat; everyone who may see the meeting sees the stage the minutes are at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, Q
from django.utils import timezone

from agencies.models import User
from audit.targets import ReadKind, Target
from meetings import access
from meetings.models import AgendaItem, Meeting
from meetings.selectors import AgendaRow, agenda_for
from meetings.services import meeting_has_begun

from .attendance_view import AttendanceView, attendance_view
from .exclusion import exclusion_for
from .models import Minute, MinuteAmendment, Minutes, MinutesComment, Resolution

NOT_STARTED = "Not started"


@dataclass
class Paragraph:
    """A numbered paragraph of a minute; `standard` when generated from what was recorded."""

    number: str
    text: str
    standard: bool = False


@dataclass
class ResolutionPart:
    """One part of a "Resolved:" paragraph, labelled (a), (b)... when there are several."""

    label: str
    text: str
    approves: Minutes | None = None


@dataclass
class Section:
    """One agenda item in the minutes, or the continuation that carries an item's resolutions
    after its sub-items (`heading` False)."""

    row: AgendaRow
    heading: bool = True
    minute: Minute | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    resolved_number: str | None = None
    resolutions: list[ResolutionPart] = field(default_factory=list)
    comments: list[MinutesComment] = field(default_factory=list)
    amendments: list[MinuteAmendment] = field(default_factory=list)

    @property
    def visible(self) -> bool:
        """Whether the person may see the item."""
        return self.row.item is not None

    @property
    def label(self) -> str:
        """The item's title, or its placeholder."""
        return self.row.label

    @property
    def is_empty(self) -> bool:
        """Nothing minuted (yet) under this item."""
        return not self.paragraphs and not self.resolutions

    def audit_targets(self) -> Iterator[Target]:
        """Its item heading (a continuation repeats none) and its minute."""
        if self.heading:
            yield from self.row.audit_targets()
        if self.minute is not None and self.row.item is not None:
            yield Target(
                ReadKind.MINUTE,
                self.minute.pk,
                self.row.id,
                self.row.restricted,
                version=f"minute revision {self.minute.revision}",
            )


@dataclass
class MinutesDocument:
    """A meeting's minutes as one person may see them."""

    meeting: Meeting
    record: Minutes | None
    is_officer: bool
    can_read: bool
    sections: list[Section] = field(default_factory=list)
    attendance: AttendanceView | None = None
    close: Paragraph | None = None
    close_number: str = ""
    general_comments: list[MinutesComment] = field(default_factory=list)
    approved_here: list[Minutes] = field(default_factory=list)
    candidates: list[Minutes] = field(default_factory=list)
    declarations_item: bool = False
    exclusion: tuple[int, str] | None = None  # (first exempt row, resolution): minutes/exclusion

    @property
    def stage(self) -> str:
        """The stage's name, shown to everyone who may see the meeting."""
        return self.record.get_stage_display() if self.record else NOT_STARTED

    @property
    def is_locked(self) -> bool:
        """Approved and locked."""
        return self.record is not None and self.record.is_locked

    @property
    def taking_comments(self) -> bool:
        """Circulated for comment."""
        return self.record is not None and self.record.stage == Minutes.Stage.CIRCULATED

    @property
    def amendments(self) -> list[tuple[Section, MinuteAmendment]]:
        """Every amendment of the minutes the person may see, in order of the document."""
        return [(s, a) for s in self.sections if s.heading for a in s.amendments]

    @property
    def item_labels(self) -> dict[int, str]:
        """Item number and title by item id, for the items the person may see."""
        return {s.row.id: f"{s.row.number} {s.label}" for s in self.sections if s.heading}

    def audit_targets(self) -> Iterator[Target]:
        """What its sections show."""
        for section in self.sections:
            yield from section.audit_targets()


def minutes_record(meeting: Meeting) -> Minutes | None:
    """The meeting's minutes, if any were started."""
    return (
        Minutes.objects.filter(meeting=meeting)
        .select_related("approved_at_meeting", "approved_by", "circulated_by")
        .first()
    )


def london_time(value: datetime) -> str:
    """A time as minutes print it: "1.11pm", "10am"."""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}.{local.minute:02d}{suffix}"


def apologies_line(view: AttendanceView) -> str | None:
    """ "Apologies for absence were received from A, for whom B substituted, and from C." """
    if not view.apologies:
        return "There were no apologies for absence." if view.recorded else None
    parts = [
        f"{line.name}, for whom {line.substituted_by} substituted"
        if line.substituted_by
        else line.name
        for line in view.apologies
    ]
    if len(parts) == 1:
        return f"Apologies for absence were received from {parts[0]}."
    return (
        "Apologies for absence were received from "
        + ", from ".join(parts[:-1])
        + f", and from {parts[-1]}."
    )


def declaration_lines(view: AttendanceView, labels: dict[int, str]) -> list[str]:
    """One line per declaration of interest the person may see."""
    lines = []
    for declaration in view.declarations:
        nature = declaration.nature.strip().rstrip(".")
        if declaration.item_id is None:
            lines.append(f"{declaration.name} declared an interest: {nature}.")
        elif declaration.item_id in labels:
            number, _, title = labels[declaration.item_id].partition(" ")
            lines.append(
                f"{declaration.name} declared an interest in item {number} ({title}): {nature}."
            )
    return lines


def _counter_key(row: AgendaRow) -> str:
    """Paragraphs are numbered within their top-level item: 5.1, 5.2 run on through its
    sub-items, so an item's minutes read as one numbered run, as printed minutes do."""
    if row.kind == AgendaItem.Kind.PART:
        return row.number
    return row.number.split(".")[0]


def _minutes_by_item(record: Minutes | None, visible_ids: set[int]) -> dict[int, Minute]:
    if record is None or not visible_ids:
        return {}
    minutes = Minute.objects.filter(record=record, item_id__in=visible_ids).prefetch_related(
        Prefetch(
            "resolutions",
            queryset=Resolution.objects.select_related("approves__meeting__committee"),
        ),
        Prefetch("amendments", queryset=MinuteAmendment.objects.select_related("made_by")),
    )
    return {minute.item_id: minute for minute in minutes}


def _comments(record: Minutes | None, visible_ids: set[int]) -> list[MinutesComment]:
    if record is None:
        return []
    return list(
        MinutesComment.objects.filter(record=record)
        .filter(Q(item__isnull=True) | Q(item_id__in=visible_ids))
        .select_related("author")
    )


class _Builder:
    """Walks the agenda rows in order, numbering paragraphs as it goes."""

    def __init__(self, doc: MinutesDocument, minutes: dict[int, Minute], comments: list) -> None:
        self.doc = doc
        self.minutes = minutes
        self.counters: dict[str, int] = {}
        self.comments: dict[int | None, list[MinutesComment]] = {}
        for comment in comments:
            self.comments.setdefault(comment.item_id, []).append(comment)

    def number(self, row: AgendaRow) -> str:
        key = _counter_key(row)
        self.counters[key] = self.counters.get(key, 0) + 1
        return f"{key}.{self.counters[key]}"

    def standard(self, row: AgendaRow) -> list[str]:
        view = self.doc.attendance
        if view is None:
            return []
        if row.kind == AgendaItem.Kind.APOLOGIES:
            line = apologies_line(view)
            return [line] if line else []
        if row.kind == AgendaItem.Kind.DECLARATIONS:
            return declaration_lines(view, self.labels)
        return []

    def opening(self, row: AgendaRow) -> Section:
        section = Section(row=row)
        if row.item is None or not self.doc.can_read:
            return section
        section.minute = minute = self.minutes.get(row.id)
        for text in self.standard(row):
            section.paragraphs.append(Paragraph(self.number(row), text, standard=True))
        if minute is not None:
            for text in minute.paragraphs:
                section.paragraphs.append(Paragraph(self.number(row), text))
            section.amendments = list(minute.amendments.all())
        section.comments = self.comments.get(row.id, [])
        return section

    def resolved(self, row: AgendaRow, section: Section) -> None:
        minute = section.minute
        resolutions = list(minute.resolutions.all()) if minute is not None else []
        if not resolutions:
            return
        section.resolved_number = self.number(row)
        several = len(resolutions) > 1
        section.resolutions = [
            ResolutionPart(f"({chr(ord('a') + n)})" if several else "", r.text, r.approves)
            for n, r in enumerate(resolutions)
        ]

    def build(self, rows: list[AgendaRow]) -> list[Section]:
        sections: list[Section] = []
        self.labels = {row.id: f"{row.number} {row.label}" for row in rows if row.item is not None}
        open_parents: list[Section] = []

        def close_parents(depth: int) -> None:
            while open_parents and open_parents[-1].row.depth >= depth:
                parent = open_parents.pop()
                tail = Section(row=parent.row, heading=False, minute=parent.minute)
                self.resolved(parent.row, tail)
                if tail.resolutions:
                    sections.append(tail)

        for row in rows:
            close_parents(row.depth)
            section = self.opening(row)
            sections.append(section)
            if row.children_count:
                open_parents.append(section)
            else:
                self.resolved(row, section)
        close_parents(0)
        return sections


def _close(doc: MinutesDocument, rows: list[AgendaRow]) -> None:
    """The closing paragraph ("10 Close of Meeting: 10.1 The meeting ended at 1.11pm.")."""
    numbers = [int(r.number) for r in rows if r.number.isdigit()]
    doc.close_number = str(max(numbers, default=0) + 1)
    ended = doc.attendance.ended_at if doc.attendance else None
    doc.close = Paragraph(
        f"{doc.close_number}.1",
        f"The meeting ended at {london_time(ended or doc.meeting.ends_at)}.",
        standard=True,
    )


def minutes_document(viewer: access.MeetingViewer) -> MinutesDocument:
    """The minutes of a meeting as this person may see them (the meeting must already have
    been fetched through meetings.access)."""
    user, meeting = viewer.user, viewer.meeting
    record = minutes_record(meeting)
    is_officer = viewer.runs_it
    # Draft minutes are the chairs' and secretariat's; circulated and approved ones are read by
    # everyone who may see the meeting, item by item as each item's access allows.
    readable = is_officer or (record is not None and record.stage != Minutes.Stage.DRAFT)
    doc = MinutesDocument(meeting=meeting, record=record, is_officer=is_officer, can_read=readable)
    agenda = agenda_for(viewer)
    rows = agenda.rows
    visible_ids = {row.id for row in rows if row.item is not None}
    # Only a signed-in person reaches minutes (LoginRequiredMiddleware); the check narrows the type.
    if readable and isinstance(user, User):
        doc.attendance = attendance_view(
            meeting, user, record.snapshot if record else None, visible_ids
        )
    doc.declarations_item = any(
        row.kind == AgendaItem.Kind.DECLARATIONS and row.item is not None for row in rows
    )
    comments = _comments(record, visible_ids) if readable else []
    builder = _Builder(doc, _minutes_by_item(record, visible_ids) if readable else {}, comments)
    doc.sections = builder.build(rows)
    doc.exclusion = exclusion_for(meeting, rows) if readable else None
    doc.general_comments = builder.comments.get(None, [])
    if readable and record is not None:
        _close(doc, rows)
    doc.approved_here = list(
        Minutes.objects.filter(approved_at_meeting=meeting).select_related("meeting")
    )
    if is_officer and meeting.status != Meeting.Status.CANCELLED and meeting_has_begun(meeting):
        # Earlier minutes are approved at this meeting once it is held, not before.
        doc.candidates = list(approval_candidates(meeting))
    return doc


def approval_candidates(meeting: Meeting):
    """Circulated minutes of earlier meetings of the same committee, awaiting approval."""
    return (
        Minutes.objects.filter(
            meeting__committee_id=meeting.committee_id,
            meeting__starts_at__lt=meeting.starts_at,
            stage=Minutes.Stage.CIRCULATED,
        )
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )
