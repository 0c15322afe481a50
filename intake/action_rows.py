"""Planning an action-log import: every row read, checked and matched, nothing written.

The plan is what the preview shows and what the import then writes; it costs a fixed number of
queries whatever the number of rows (agencies, people, meetings, items and earlier imports are
each looked up once for the whole file).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from actions.models import Action
from actions.ownership import check_owners
from agencies.models import Agency, User
from core.fields import LONG_LIMIT, TEXT_LIMIT
from meetings import access
from meetings.models import AgendaItem, Committee, Meeting

from .matching import AgencyMatcher, PersonMatcher
from .reading import Table
from .values import CellError, date_cell, deadline, header_fields, squash, text

COLUMNS: dict[str, tuple[str, ...]] = {
    "reference": (
        "ref",
        "ref no",
        "reference number",
        "action ref",
        "action no",
        "action number",
        "number",
        "no",
    ),
    "description": (
        "action",
        "actions",
        "action required",
        "action agreed",
        "agreed action",
        "description",
        "action description",
        "wording",
        "task",
    ),
    "action_by": (
        "action by",
        "agency",
        "owning agency",
        "lead agency",
        "responsible agency",
        "responsible",
        "by whom",
        "who",
    ),
    "owner": ("owner", "action owner", "lead officer", "officer", "assigned to", "person"),
    "deadline": (
        "deadline",
        "due",
        "due date",
        "date due",
        "by when",
        "target date",
        "timescale",
        "completion date",
    ),
    "status": ("status", "rag status", "progress status", "state"),
    "update": (
        "update",
        "updates",
        "progress",
        "progress update",
        "latest update",
        "comments",
        "notes",
        "response",
    ),
    "meeting_date": (
        "meeting date",
        "meeting",
        "date of meeting",
        "date raised",
        "date agreed",
        "date",
    ),
    "item": ("item", "agenda item", "item title", "minute"),
    "source": ("source", "origin", "from report"),
}
LABELS = {
    "reference": "Ref", "description": "Action", "action_by": "Action by", "owner": "Owner",
    "deadline": "Deadline", "status": "Status", "update": "Update",
    "meeting_date": "Meeting date", "item": "Item", "source": "Source",
}  # fmt: skip
REQUIRED = ("description", "action_by")
S = Action.Status
# Status words as action logs write them; the first words of a longer cell count too
# ("Completed. The letter is attached").
STATUS_WORDS: dict[str, str] = {
    **{w: S.OPEN for w in ("open", "not started", "new", "outstanding", "pending", "to do",
                           "todo", "not yet started", "red")},
    **{w: S.IN_PROGRESS for w in ("in progress", "inprogress", "started", "underway", "under way",
                                  "on track", "amber", "progressing", "in hand")},
    **{w: S.ONGOING for w in ("ongoing", "on going", "continuing", "rolling")},
    **{w: S.COMPLETED for w in ("complete", "completed", "done", "actioned", "achieved",
                                "finished", "green", "implemented", "met")},
    **{w: S.CLOSED for w in ("closed", "discharged", "signed off", "accepted")},
    **{w: S.DROPPED for w in ("dropped", "withdrawn", "cancelled", "canceled", "superseded",
                              "no longer required")},
    **{w: S.NOT_POSSIBLE for w in ("not possible", "not achievable", "change in circumstances")},
}  # fmt: skip
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/._ -]*$")
LIMITS = {
    "description": TEXT_LIMIT,
    "update": LONG_LIMIT,
    "deadline": Action._meta.get_field("due_text").max_length or 100,
    "source": Action._meta.get_field("source").max_length or 200,
    "reference": Action._meta.get_field("reference").max_length or 40,
}


def status_of(typed: str) -> str:
    """The product's status for a status word (empty is open), or CellError."""
    words = " ".join(re.sub(r"[^a-z ]", " ", typed.casefold()).split())
    if not words:
        return S.OPEN
    if words in STATUS_WORDS:
        return STATUS_WORDS[words]
    for phrase in sorted(STATUS_WORDS, key=len, reverse=True):
        if words.startswith(phrase + " "):
            return STATUS_WORDS[phrase]
    raise CellError(
        f"“{typed}” is not a status: write Open, In progress, Ongoing, Complete, Closed, "
        "Dropped or Not possible."
    )


@dataclass
class Row:
    """One spreadsheet row: what it would create, or why it cannot."""

    number: int
    outcome: str = "create"  # create | exists | error
    errors: list[tuple[str, str]] = field(default_factory=list)
    key: str = ""
    reference: str = ""
    description: str = ""
    agency: Agency | None = None
    owner: User | None = None
    due_date: datetime.date | None = None
    due_text: str = ""
    status: str = S.OPEN
    update: str = ""
    meeting: Meeting | None = None
    meeting_date: datetime.date | None = None
    item: AgendaItem | None = None
    source: str = ""

    def get_status_display(self) -> str:
        """The status as the register shows it."""
        return str(S(self.status).label)

    def summary(self) -> tuple:
        """What the row does, to tell whether a plan changed between preview and confirm."""
        ids = [
            obj.pk if obj else None for obj in (self.agency, self.owner, self.meeting, self.item)
        ]
        words = (self.reference, self.description, self.due_text, self.status, self.update)
        return (self.number, self.outcome, tuple(self.errors), self.key, self.due_date, *ids,
                *words, self.source)  # fmt: skip


@dataclass
class Plan:
    """Every row of the file, planned; the columns used and not used."""

    rows: list[Row]
    columns: dict[str, int]
    headers: list[str]
    unused: list[str]
    missing: list[str]

    @property
    def errors(self) -> list[Row]:
        """The rows that cannot be imported."""
        return [r for r in self.rows if r.outcome == "error"]

    def count(self, outcome: str) -> int:
        """How many rows have this outcome."""
        return sum(1 for r in self.rows if r.outcome == outcome)

    def digest(self) -> str:
        """A fingerprint of what the plan would do (the preview's, checked at confirm)."""
        summary = repr([r.summary() for r in self.rows] + [self.missing])
        return hashlib.sha256(summary.encode()).hexdigest()


def _label(plan_headers: list[str], index: int, name: str) -> str:
    return f"{Table.column_letter(index)} ({plan_headers[index] or LABELS[name]})"


def _reference(committee: Committee, typed: str) -> str:
    prefix = committee.short_name.upper()
    typed = "-".join(typed.split())
    if not REFERENCE.match(typed):
        raise CellError(f"“{typed}” is not a reference: use letters, digits, / . _ or -.")
    reference = typed if typed.upper().startswith(prefix + "-") else f"{prefix}-{typed}"
    if len(reference) > LIMITS["reference"]:
        raise CellError(f"The reference is longer than {LIMITS['reference']} characters.")
    return reference


def _london_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def plan_actions(table: Table, *, committee: Committee, by: User) -> Plan:
    """Read, check and match every row of an action log for this committee; write nothing."""
    columns, unused = header_fields(table.headers, COLUMNS)
    missing = [LABELS[name] for name in REQUIRED if name not in columns]
    rows: list[Row] = []
    if missing:
        return Plan(rows, columns, table.headers, unused, missing)
    agencies = AgencyMatcher()
    raw: list[tuple[Row, dict[str, str], dict]] = []
    for offset, cells in enumerate(table.rows):
        if all(not text(c) for c in cells):
            continue
        values = {name: cells[index] for name, index in columns.items()}
        raw.append((Row(number=offset + 2), {k: text(v) for k, v in values.items()}, values))
    # First pass: what needs no query beyond the agencies.
    for row, typed, values in raw:

        def fail(name: str, message: str, row: Row = row) -> None:
            row.errors.append((_label(table.headers, columns[name], name), message))

        for name, limit in LIMITS.items():
            if len(typed.get(name, "")) > limit:
                fail(name, f"This cell has {len(typed[name]):,} characters; the limit is "
                     f"{limit:,}.")  # fmt: skip
        row.description = typed["description"][: LIMITS["description"]]
        if not row.description:
            fail("description", "The action is empty: write what was agreed.")
        try:
            row.agency = agencies.match(typed["action_by"])
        except CellError as error:
            fail("action_by", str(error))
        if "meeting_date" in columns:
            try:
                row.meeting_date = date_cell(values["meeting_date"])
            except CellError as error:
                fail("meeting_date", str(error))
        if "deadline" in columns:
            try:
                row.due_date, row.due_text = deadline(values["deadline"], row.meeting_date)
            except CellError as error:
                fail("deadline", str(error))
        if "status" in columns:
            try:
                row.status = status_of(typed["status"])
            except CellError as error:
                fail("status", str(error))
        row.update = typed.get("update", "")[: LIMITS["update"]]
        row.source = typed.get("source", "")[: LIMITS["source"]]
        if typed.get("reference"):
            try:
                row.reference = _reference(committee, typed["reference"])
            except CellError as error:
                fail("reference", str(error))
            row.key = "ref:" + row.reference.casefold()
        else:
            wording = " ".join(row.description.casefold().split())
            basis = f"{row.meeting_date.isoformat() if row.meeting_date else ''}|{wording}"
            row.key = "text:" + hashlib.sha256(basis.encode()).hexdigest()[:64]
    _match_owners(raw, columns, table.headers)
    _match_meetings(raw, columns, table.headers, committee, by)
    _mark_known(raw, committee)
    return Plan([r for r, _, _ in raw], columns, table.headers, unused, missing)


def _match_owners(raw: list, columns: dict[str, int], headers: list[str]) -> None:
    if "owner" not in columns:
        return
    people = PersonMatcher(r.agency.pk for r, _, _ in raw if r.agency is not None)
    for row, typed, _ in raw:
        if row.agency is None or not typed["owner"]:
            continue
        try:
            row.owner = people.match(typed["owner"], row.agency)
        except CellError as error:
            row.errors.append((_label(headers, columns["owner"], "owner"), str(error)))


def _match_meetings(
    raw: list, columns: dict[str, int], headers: list[str], committee: Committee, by: User
) -> None:
    """Link each row to the committee's meeting of its date, and to its item by title; a
    meeting or item the product does not hold is named in the action's source instead."""
    days = {r.meeting_date for r, _, _ in raw if r.meeting_date is not None}
    if not days:
        return
    meetings: dict[datetime.date, Meeting] = {}
    for meeting in access.visible_meetings(by).filter(committee=committee):
        day = _london_day(meeting.starts_at)
        if day in days:
            meetings.setdefault(day, meeting)
    items: dict[tuple[int, str], AgendaItem] = {}
    chosen = [m.pk for m in meetings.values()]
    for item in access.visible_agenda_items(by).filter(meeting_id__in=chosen):
        items.setdefault((item.meeting_id, squash(item.title)), item)
    for row, typed, _ in raw:
        if row.meeting_date is None:
            continue
        row.meeting = meetings.get(row.meeting_date)
        item_text = typed.get("item", "")
        if row.meeting is not None and item_text:
            row.item = items.get((row.meeting.pk, squash(item_text)))
        if row.item is not None and row.item.restricted and row.agency is not None:
            # Only rows of restricted items cost a query here, as the form's check does.
            try:
                check_owners(agenda_item_id=row.item.pk, owning_agency=row.agency, owner=row.owner)
            except ValidationError as error:
                label = _label(headers, columns["item"], "item")
                row.errors += [(label, message) for message in error.messages]
        if row.source:
            continue
        said = f"{row.meeting_date.day} {row.meeting_date:%B %Y}"
        if row.meeting is None:
            row.source = f"Meeting of {said}" + (f", item: {item_text}" if item_text else "")
        elif row.item is None and item_text:
            row.source = f"Item: {item_text}"
        row.source = row.source[: LIMITS["source"]]


def _mark_known(raw: list, committee: Committee) -> None:
    """Rows imported before are left alone; a reference used by an action that was not
    imported is an error; a key twice in the file is an error on the second row."""
    from .models import ImportedAction

    keys = {r.key for r, _, _ in raw}
    known = set(
        ImportedAction.objects.filter(committee=committee, key__in=keys).values_list(
            "key", flat=True
        )
    )
    references = {r.reference for r, _, _ in raw if r.reference}
    taken = set(Action.objects.filter(reference__in=references).values_list("reference", flat=True))
    seen: dict[str, int] = {}
    for row, _, _ in raw:
        if row.key in seen:
            row.errors.append(("Row", f"This repeats row {seen[row.key]}."))
        seen.setdefault(row.key, row.number)
        if row.errors:
            row.outcome = "error"
        elif row.key in known:
            row.outcome = "exists"
        elif row.reference in taken:
            row.outcome = "error"
            row.errors.append(("Ref", f"{row.reference} is already another action's reference."))
