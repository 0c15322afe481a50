"""Reads for committees, meetings and agendas; everything is filtered through meetings.access."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from agencies.models import User, can_sign_in_q
from audit.targets import ReadKind, Target

from . import access
from .models import AgendaItem, AgendaVersion, Committee, Meeting, Paper, PublicQuestion


@dataclass
class AgendaRow:
    """One line of an agenda as a given person may see it."""

    id: int
    number: str
    depth: int
    starts_at: datetime
    ends_at: datetime
    planned_minutes: int | None
    kind: str
    item: AgendaItem | None = None  # None when the person may not see the item
    children_count: int = 0
    parent_id: int | None = None
    restricted: bool = False
    sibling_position: int = 0  # 1-based place among its parent's children (the editor's "move to")

    @property
    def visible(self) -> bool:
        """Whether the person may see the item's content."""
        return self.item is not None

    @property
    def time_label(self) -> str:
        """Its planned start in London time, as 09:30."""
        return timezone.localtime(self.starts_at).strftime("%H:%M")

    @property
    def label(self) -> str:
        """Its title, or the placeholder that stands in for it."""
        return self.item.title if self.item else f"Restricted item {self.number}"

    def audit_targets(self) -> Iterator[Target]:
        """The item, when the person is shown it (a placeholder shows nothing of it)."""
        if self.item is not None:
            yield Target(ReadKind.ITEM, self.id, self.id, self.restricted)


@dataclass
class Agenda:
    """A meeting's agenda for one person, in order, with numbers and timings."""

    meeting: Meeting
    rows: list[AgendaRow] = field(default_factory=list)

    @property
    def ends_at(self) -> datetime:
        """When the agenda's planned time runs out."""
        return self.rows[-1].ends_at if self.rows else self.meeting.starts_at

    def audit_targets(self) -> Iterator[Target]:
        """The items of its rows that the person is shown."""
        for row in self.rows:
            yield from row.audit_targets()


@dataclass
class ShownVersionRows:
    """Rows of published agenda versions (snapshot dicts) as shown to one person, for the log."""

    rows: list[dict]

    @classmethod
    def of_changes(cls, changes: Iterable[dict]) -> ShownVersionRows:
        """The rows a list of changes names: each change names its item before and after."""
        return cls([row for c in changes for row in (c.get("old"), c.get("new")) if row])

    def audit_targets(self) -> Iterator[Target]:
        """The items of the rows; placeholders carry no content."""
        for row in self.rows:
            if "id" in row and not row.get("placeholder"):
                # A snapshot may predate a restriction, so whether the item is restricted now
                # is left to the lookup.
                yield Target(ReadKind.ITEM, row["id"], row["id"])


def committee_list(user: User) -> QuerySet[Committee]:
    """Committees this person is a partner of."""
    return access.partner_committees(user).select_related("host")


def committee_meetings(user: User, committee: Committee) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming, past) meetings of a committee that this person may see."""
    meetings = list(access.visible_meetings(user).filter(committee=committee).order_by("starts_at"))
    now = timezone.now()
    upcoming = [m for m in meetings if m.ends_at >= now]
    past = [m for m in reversed(meetings) if m.ends_at < now]
    return upcoming, past


def number_rows(items: list[AgendaItem]) -> list[tuple[AgendaItem, str, int]]:
    """Walk the tree in order: parts are 'Part N', items run 1, 2, 3 through the meeting, and
    sub-items are '5.1', '5.2'."""
    children: dict[int | None, list[AgendaItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    for siblings in children.values():
        siblings.sort(key=lambda i: (i.position, i.id))
    out: list[tuple[AgendaItem, str, int]] = []
    counters = {"part": 0, "item": 0}

    def walk(parent_id: int | None, depth: int, prefix: str | None) -> None:
        sub = 0
        for item in children.get(parent_id, []):
            if item.kind == AgendaItem.Kind.PART and prefix is None:
                counters["part"] += 1
                number = f"Part {counters['part']}"
                out.append((item, number, depth))
                walk(item.id, depth + 1, None)
            elif prefix is None:
                counters["item"] += 1
                number = str(counters["item"])
                out.append((item, number, depth))
                walk(item.id, depth + 1, number)
            else:
                sub += 1
                number = f"{prefix}.{sub}"
                out.append((item, number, depth))
                walk(item.id, depth + 1, number)

    walk(None, 0, None)
    return out


def timed_rows(meeting: Meeting, numbered: list[tuple[AgendaItem, str, int]]) -> list[AgendaRow]:
    """Give every row its planned start: leaves use their minutes; a parent's own minutes are a
    budget for its children."""
    kids: dict[int, int] = {}
    seen: dict[int | None, int] = {}
    for item, _, _ in numbered:
        if item.parent_id:
            kids[item.parent_id] = kids.get(item.parent_id, 0) + 1
    rows: list[AgendaRow] = []
    clock = meeting.starts_at
    open_parents: list[AgendaRow] = []
    for item, number, depth in numbered:
        while open_parents and open_parents[-1].depth >= depth:
            clock = _close(open_parents.pop(), clock)
        row = AgendaRow(
            id=item.id,
            number=number,
            depth=depth,
            starts_at=clock,
            ends_at=clock,
            planned_minutes=item.planned_minutes,
            kind=item.kind,
            children_count=kids.get(item.id, 0),
            parent_id=item.parent_id,
            restricted=item.restricted,
            sibling_position=seen.get(item.parent_id, 0) + 1,
        )
        seen[item.parent_id] = row.sibling_position
        rows.append(row)
        if row.children_count:
            open_parents.append(row)
        else:
            clock += timedelta(minutes=item.planned_minutes or 0)
            row.ends_at = clock
    while open_parents:
        clock = _close(open_parents.pop(), clock)
    return rows


def _close(row: AgendaRow, clock: datetime) -> datetime:
    budget_end = row.starts_at + timedelta(minutes=row.planned_minutes or 0)
    row.ends_at = max(clock, budget_end)
    return row.ends_at


def agenda_for(viewer: access.MeetingViewer) -> Agenda:
    """The agenda of a meeting as this person may see it: restricted items they may not see
    are placeholders carrying only their number and timing."""
    meeting = viewer.meeting
    items = viewer.items()
    structure = list(
        AgendaItem.objects.filter(meeting=meeting).only(
            "id", "parent_id", "position", "kind", "planned_minutes", "restricted"
        )
    )
    rows = timed_rows(meeting, number_rows(structure))
    visible = (
        items.select_related("lead_agency")
        # Plain lists (to_attr): a related manager per item per relation, and a queryset
        # clone each time a template asks for .all, cost more than the rest of the agenda.
        # AgendaItem declares these lists for typing (meetings/pdf.py reads them), which the
        # django-stubs plugin takes for a second definition.
        .prefetch_related(  # type: ignore[no-redef]
            Prefetch(
                "presenters",
                # Only what the agenda prints of a presenter (not password hashes and the rest).
                queryset=User.objects.only("id", "full_name", "email"),
                to_attr="presenter_list",
            ),
            Prefetch("papers", queryset=Paper.objects.order_by("id"), to_attr="paper_list"),
            Prefetch(
                "questions",
                queryset=PublicQuestion.objects.select_related("answered_by"),
                to_attr="question_list",
            ),
        )
    )
    by_id = {item.id: item for item in visible}
    for row in rows:
        row.item = by_id.get(row.id)
    return Agenda(meeting=meeting, rows=rows)


def meeting_versions(meeting: Meeting) -> QuerySet[AgendaVersion]:
    """Published versions of an agenda, newest first."""
    return meeting.versions.select_related("published_by").order_by("-number")


def visible_papers(user: User) -> QuerySet[Paper]:
    """Papers of the items this person may see."""
    return Paper.objects.filter(item__in=access.visible_agenda_items(user).values("id"))


def committee_people(
    committee: Committee, *, agency_roles: Iterable[str] | None = None, can_sign_in: bool = False
) -> QuerySet[User]:
    """Who belongs to a committee: its chairs and secretariat, and the people of its host and
    member agencies in `agency_roles` (every role when None), active, ordered by id.

    The one definition, with the differences named where it is used: agenda notices go to
    everyone who can sign in; invitations to attend leave managers out (they get escalations).
    The reverse question, "which committees is this person a partner of", is access's.
    """
    agencies = [committee.host_id, *committee.member_agencies.values_list("id", flat=True)]
    of_agencies = Q(memberships__agency__in=agencies)
    if agency_roles is not None:
        of_agencies &= Q(memberships__role__in=list(agency_roles))
    people = User.objects.filter(
        Q(chaired_committees=committee) | Q(clerked_committees=committee) | of_agencies,
        is_active=True,
    )
    if can_sign_in:
        people = people.filter(can_sign_in_q())
    return people.distinct().order_by("id")
