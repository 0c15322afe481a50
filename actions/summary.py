"""The Summary of actions for a meeting, as the committee's papers print it.

Every action of the meeting's committee still outstanding, and those completed or closed since
the committee's previous meeting, grouped under the meeting they came from (newest first, then
report sources), with the minute item, the action, its status, who it is by and its deadline.
Only `visible_actions` decides what is in it: an action of a restricted item is neither
shown nor counted for someone who may not see the item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, User
from audit.targets import Target
from meetings import access
from meetings.models import AgendaItem, Meeting
from meetings.selectors import number_rows

from .models import Action, ActionUpdate
from .visibility import visible_actions

S = Action.Status
DONE = (S.COMPLETED, S.CLOSED)
# Ended since the last meeting and reported apart from done: not possible (circumstances changed).
REPORTED = (*DONE, S.NOT_POSSIBLE)
# A source names its report or earlier meeting, then where in it: "Keeping London's Children
# Safe, recommendation 3", "Meeting of 9 October 2014, minute 8".
WHERE_IN_SOURCE = re.compile(
    r"[\s,;:\u2013-]*\b(?P<kind>recommendation|minute item|minute|item)\s+"
    r"(?P<number>\d+(?:\.\d+)*[a-z]?)\s*$",
    re.IGNORECASE,
)
MEETING_OF = re.compile(r"^Meeting of (\d{1,2} [A-Z][a-z]+ \d{4})\b")


@dataclass
class SummaryRow:
    """One line of the summary."""

    action: Action
    minute_item: str
    evidence: list[ActionUpdate]
    url: str = ""
    co_agencies: list[Agency] = field(default_factory=list)
    overdue_days: int = 0

    @property
    def action_by(self) -> str:
        """The owning agency, then the co-owning agencies."""
        agencies = [self.action.owning_agency, *self.co_agencies]
        return ", ".join(f"{a.name} ({a.short_name})" for a in agencies)

    @property
    def subject(self) -> str:
        """The item it came from, unless the action's wording already starts with it."""
        title = self.action.agenda_item.title if self.action.agenda_item else ""
        return "" if self.action.description.startswith(title) else title

    @property
    def deadline(self) -> str:
        """The due date, else the deadline as promised, else n/a (as the seed prints it)."""
        if self.action.due_date:
            return f"{self.action.due_date.day} {self.action.due_date:%B %Y}"
        return self.action.due_text or "n/a"

    @property
    def deadline_note(self) -> str:
        """The deadline as promised, shown under the due date when there is one."""
        return self.action.due_text if self.action.due_date else ""

    @property
    def overdue(self) -> str:
        """ "3 days overdue", or nothing."""
        days = self.overdue_days
        return f"{days} day{'s' if days != 1 else ''} overdue" if days else ""

    def audit_targets(self) -> Iterator[Target]:
        """The row's action."""
        return self.action.audit_targets()


@dataclass
class SummaryGroup:
    """The actions that came from one meeting, or from one report."""

    heading: str
    caption: str
    meeting: Meeting | None
    rows: list[SummaryRow] = field(default_factory=list)

    @property
    def number_label(self) -> str:
        """What the first column numbers: a report's recommendations or a meeting's minutes."""
        if any(row.minute_item.startswith("Rec.") for row in self.rows):
            return "Recommendation"
        return "Minute item"

    def audit_targets(self) -> Iterator[Target]:
        """The actions of its rows."""
        for row in self.rows:
            yield from row.audit_targets()


@dataclass
class Summary:
    """A meeting's Summary of actions as one person may see it."""

    meeting: Meeting
    previous: Meeting | None
    groups: list[SummaryGroup]
    outstanding: int
    done: int
    not_possible: int = 0
    overdue: int = 0

    @property
    def counts(self) -> str:
        """ "5 outstanding (2 overdue), 2 completed, 1 not possible (change in circumstances)"."""
        text = f"{self.outstanding} outstanding"
        if self.overdue:
            text += f" ({self.overdue} overdue)"
        text += f", {self.done} completed"
        if self.not_possible:
            text += f", {self.not_possible} not possible (change in circumstances)"
        return text

    @property
    def since(self) -> datetime | None:
        """Completed and closed actions are shown from this moment on."""
        return self.previous.starts_at if self.previous else None

    def audit_targets(self) -> Iterator[Target]:
        """Every action in it."""
        for group in self.groups:
            yield from group.audit_targets()


def previous_meeting(user: User, meeting: Meeting) -> Meeting | None:
    """The committee's last meeting before this one (neither a draft nor cancelled)."""
    return (
        access.visible_meetings(user)
        .filter(committee_id=meeting.committee_id, starts_at__lt=meeting.starts_at)
        .exclude(status__in=[Meeting.Status.DRAFT, Meeting.Status.CANCELLED])
        .order_by("-starts_at")
        .first()
    )


def summary_actions(user: User, meeting: Meeting, since: datetime | None):
    """The actions of the summary: outstanding, or done since `since`; none from this meeting
    or a later one (those are reported at the next meeting)."""
    done = Q(status__in=REPORTED)
    if since is not None:
        done_since = Exists(
            ActionUpdate.objects.filter(
                action=OuterRef("pk"), status_to__in=REPORTED, created_at__gte=since
            )
        )
        # Actions recorded as already done (imported from a paper) have no status update.
        never_moved = ~Exists(
            ActionUpdate.objects.filter(action=OuterRef("pk"), status_to__in=REPORTED)
        )
        # Both need updated_at >= since: services.action_update saves the action (so its
        # updated_at) after writing the update. Testing that column first keeps PostgreSQL
        # from hashing every completed update of the partnership for the two subqueries.
        done &= Q(updated_at__gte=since) & (done_since | never_moved)
    return (
        visible_actions(user)
        .filter(committee_id=meeting.committee_id)
        .filter(Q(status__in=Action.OUTSTANDING) | done)
        .exclude(meeting__starts_at__gte=meeting.starts_at)
        .select_related("meeting", "agenda_item", "owning_agency")
        .prefetch_related(
            # Lists (to_attr), not managers: a queryset clone per row per .all() adds up.
            Prefetch("co_agencies", to_attr="co_agency_list"),
            Prefetch(
                "updates",
                queryset=ActionUpdate.objects.exclude(evidence="").order_by("created_at", "id"),
                to_attr="evidence_updates",
            ),
        )
    )


def agenda_numbers(meeting_ids: set[int]) -> dict[int, str]:
    """Agenda numbers of every item of these meetings, numbered as their agendas number them.

    Numbers are not restricted (placeholders show them too); only the structure is read.
    """
    structure = AgendaItem.objects.filter(meeting_id__in=meeting_ids).only(
        "id", "meeting_id", "parent_id", "position", "kind"
    )
    by_meeting: dict[int, list[AgendaItem]] = {}
    for item in structure:
        by_meeting.setdefault(item.meeting_id, []).append(item)
    numbers: dict[int, str] = {}
    for items in by_meeting.values():
        numbers.update((item.id, number) for item, number, _ in number_rows(items))
    return numbers


def split_source(source: str) -> tuple[str, str]:
    """(its group, its number) from a source: ("A report", "Rec. 3") from "A report,
    recommendation 3"; ("Meeting of 9 October 2014", "8") from "..., minute 8"."""
    match = WHERE_IN_SOURCE.search(source)
    if match is None:
        return source.strip() or "Other actions", ""
    group = source[: match.start()].strip() or "Other actions"
    number = match.group("number")
    if match.group("kind").lower() == "recommendation":
        number = f"Rec. {number}"
    return group, number


def _source_date(heading: str) -> datetime | None:
    """The date of an earlier meeting named by a source group ("Meeting of 9 October 2014")."""
    match = MEETING_OF.match(heading)
    if match is None:
        return None
    try:
        day = datetime.strptime(match.group(1), "%d %B %Y")
    except ValueError:
        return None
    return timezone.make_aware(day)


def _group_order(groups: list[SummaryGroup]) -> list[SummaryGroup]:
    """Meetings newest first, as the seed lists them (earlier meetings named only in a source
    take their place by date), then the other sources in the order they were recorded."""
    dated: list[tuple[datetime, SummaryGroup]] = []
    undated: list[tuple[datetime | None, SummaryGroup]] = []
    for group in groups:
        when = group.meeting.starts_at if group.meeting else _source_date(group.heading)
        if when:
            dated.append((when, group))
        else:
            undated.append((when, group))
    dated.sort(key=lambda pair: pair[0], reverse=True)
    undated.sort(key=lambda pair: min(row.action.pk for row in pair[1].rows))
    return [group for _, group in dated + undated]


def _sort_key(number: str) -> tuple:
    """Items in agenda order ("2" before "10", "5.2" after "5"); unnumbered rows last."""
    return (not number, [int(part) for part in re.findall(r"\d+", number)])


def path_maker(name: str) -> Callable[[int], str]:
    """A function giving the path of URL `name` for an id.

    reverse() costs about 35 microseconds: a summary of 400 actions reverses once here and
    puts each id in its place, instead of reversing 400 times in the template.
    """
    sentinel = 987654321
    head, tail = reverse(name, kwargs={"pk": sentinel}).split(str(sentinel))
    return lambda pk: f"{head}{pk}{tail}"


def meeting_summary(user: User, meeting: Meeting) -> Summary:
    """Build the Summary of actions of a meeting for this person."""
    previous = previous_meeting(user, meeting)
    actions = list(summary_actions(user, meeting, previous.starts_at if previous else None))
    numbers = agenda_numbers({a.meeting_id for a in actions if a.meeting_id and a.agenda_item_id})
    meetings: dict[int, SummaryGroup] = {}
    sources: dict[str, SummaryGroup] = {}
    detail, evidence = path_maker("actions:detail"), path_maker("actions:evidence")
    today = timezone.localdate()
    for action in actions:
        for update in action.evidence_updates:
            update.url = evidence(update.pk)
        row = SummaryRow(
            action=action,
            minute_item=numbers.get(action.agenda_item_id, "") if action.agenda_item_id else "",
            evidence=action.evidence_updates,
            url=detail(action.pk),
            co_agencies=action.co_agency_list,
            overdue_days=action.overdue_days(today),
        )
        if not action.meeting_id:
            source, row.minute_item = split_source(action.source)
            sources.setdefault(source, SummaryGroup(heading=source, caption="", meeting=None))
            sources[source].rows.append(row)
        else:
            origin = action.meeting
            if origin.id not in meetings:
                starts = timezone.localtime(origin.starts_at)
                meetings[origin.id] = SummaryGroup(
                    heading=f"Meeting of {starts.day} {starts:%B %Y}",
                    caption=origin.title,
                    meeting=origin,
                )
            meetings[origin.id].rows.append(row)
    groups = _group_order([*meetings.values(), *sources.values()])
    for group in groups:
        group.rows.sort(key=lambda r: (_sort_key(r.minute_item), r.action.reference))
    outstanding = sum(a.status in Action.OUTSTANDING for a in actions)
    return Summary(
        meeting=meeting,
        previous=previous,
        groups=groups,
        outstanding=outstanding,
        done=sum(a.status in DONE for a in actions),
        not_possible=sum(a.status == S.NOT_POSSIBLE for a in actions),
        overdue=sum(bool(a.overdue_days(today)) for a in actions),
    )
