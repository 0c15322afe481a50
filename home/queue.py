"""What waits for one person, read through the apps' access-filtered selectors.

Every list and every count starts from a selector that applies the access rule (visible_meetings,
visible_actions, visible_invitations, ...), so a restricted item never shows through the queue or
its numbers. The number of queries is fixed: it does not grow with the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Value, When, Window
from django.utils import timezone

from actions.models import Action
from actions.visibility import visible_actions
from agencies.models import Membership, User
from attendance.models import Invitation
from attendance.selectors import visible_invitations
from inbox.selectors import unread_count, unread_messages
from meetings import access
from meetings.models import Meeting
from minutes.models import Minutes

# How many rows each list shows; the count says how many there are in all.
SHOWN = 10
UPCOMING_SHOWN = 5


@dataclass
class Listing:
    """Up to SHOWN rows of a list, the number in all, and how many of them are overdue."""

    rows: list
    total: int
    overdue: int = 0

    @property
    def more(self) -> int:
        """How many are not shown."""
        return max(self.total - len(self.rows), 0)


@dataclass
class Queue:
    """One person's home: what is coming, what they and their agencies owe, what waits for them."""

    today: date
    upcoming: Listing
    my_actions: Listing
    agency_actions: Listing
    to_assign: Listing
    to_comment: Listing
    to_approve: Listing
    to_record: Listing
    messages: Listing
    committees: Listing
    is_officer: bool = False
    assigns: bool = False
    records: bool = False

    @property
    def waiting(self) -> int:
        """How many things wait for this person to do something."""
        return (
            self.to_assign.total
            + self.to_comment.total
            + self.to_approve.total
            + self.to_record.total
        )


def _listing(rows: QuerySet, limit: int = SHOWN) -> Listing:
    """The first rows and the number in all, in one query: the count rides on the rows as a
    window (COUNT(*) OVER ()), so an empty list costs no second query and a full one none either.
    For the short lists (meetings, minutes); the action lists count in _action_counts."""
    listed = list(rows.annotate(in_all=Window(Count("pk")))[:limit])
    return Listing(rows=listed, total=listed[0].in_all if listed else 0)


def _action_counts(
    outstanding: QuerySet[Action], lists: dict[str, Q], agencies: set[int], today: date
) -> dict:
    """Each action list's total and overdue count, in two passes over the outstanding actions
    this person may see: those of their `agencies`, which the covering index
    action_outstanding_by_agency answers without reading the table (one pass over both
    agencies' and own actions, an OR, read every row: 90 ms for a Met lead at London scale),
    then their own actions of other agencies (the "mine" list is the only one reaching there)."""
    overdue = Q(due_date__lt=today)
    counts = {}
    for name, where in lists.items():
        counts[f"{name}_total"] = Count("pk", filter=where)
        counts[f"{name}_overdue"] = Count("pk", filter=where & overdue)
    found = outstanding.filter(owning_agency_id__in=agencies).order_by().aggregate(**counts)
    elsewhere = (
        outstanding.filter(lists["mine"])
        .exclude(owning_agency_id__in=agencies)
        .order_by()
        .aggregate(total=Count("pk"), overdue=Count("pk", filter=overdue))
    )
    found["mine_total"] += elsewhere["total"]
    found["mine_overdue"] += elsewhere["overdue"]
    return found


def _action_listing(rows: QuerySet[Action], counts: dict, name: str, today: date) -> Listing:
    """The first SHOWN actions of a list, each with its days overdue, and the list's counts."""
    listed = list(rows[:SHOWN])
    for action in listed:
        action.days_overdue = (today - action.due_date).days if action.due_date else 0
    return Listing(rows=listed, total=counts[f"{name}_total"], overdue=counts[f"{name}_overdue"])


def _outstanding(user: User, *, few: bool = False) -> QuerySet[Action]:
    """Outstanding actions this person may see, overdue first (the oldest deadline first),
    those without a deadline last; `few` for a list's first rows (visible_actions)."""
    return (
        visible_actions(user, few=few)
        .filter(status__in=Action.OUTSTANDING)
        .select_related("owning_agency", "owner")
        # What the lists show and the read log needs; whole rows of three tables cost more
        # to read and build than the rest of the queue.
        .only(
            "reference",
            "description",
            "due_date",
            "due_text",
            "status",
            "restricted",
            "agenda_item_id",
            "owning_agency__short_name",
            "owner__full_name",
        )
        .order_by(F("due_date").asc(nulls_last=True), "id")
    )


def _roles(user: User) -> dict[str, set[int]]:
    """The agencies this person belongs to, and those they lead or manage."""
    roles: dict[str, set[int]] = {"all": set(), "assign": set(), "lead": set()}
    for agency_id, role in Membership.objects.filter(user=user).values_list("agency_id", "role"):
        roles["all"].add(agency_id)
        if role in (Membership.Role.LEAD, Membership.Role.MANAGER):
            roles["assign"].add(agency_id)
        if role == Membership.Role.LEAD:
            roles["lead"].add(agency_id)
    return roles


def _to_record(user: User, lead_ids: set[int], officer_ids: list[int], now: datetime) -> Listing:
    """Meetings already started whose attendance this person may record and that still have
    people marked only 'expected', with how many."""
    held = (
        access.visible_meetings(user)
        .filter(starts_at__lt=now)
        # Once its minutes are approved (with the attendance they snapshot), a meeting no
        # longer waits for anyone's attendance.
        .exclude(
            status__in=[
                Meeting.Status.DRAFT,
                Meeting.Status.CANCELLED,
                Meeting.Status.MINUTES_APPROVED,
            ]
        )
    )
    mine = Q(meeting__committee_id__in=officer_ids) | Q(agency_id__in=lead_ids)
    pending = (
        visible_invitations(user, held)
        .filter(mine, status=Invitation.Status.EXPECTED)
        .values("meeting_id", "meeting__title", "meeting__starts_at")
        .annotate(expected=Count("id"), in_all=Window(Count("meeting_id")))
        .order_by("-meeting__starts_at")
    )
    listed = list(pending[:SHOWN])
    return Listing(rows=listed, total=listed[0]["in_all"] if listed else 0)


def _committees(user: User, officer_ids: list[int]) -> Listing:
    """The person's first committees, those they chair or clerk first, then by name, and how
    many in all: a Met lead sits on 300 through their agency, which the committees page lists."""
    runs_it = Case(
        When(id__any=officer_ids, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    rows = (
        access.partner_committees(user)
        .select_related("host")
        .only("name", "short_name", "host__short_name")
        .annotate(runs_it=runs_it)
        .order_by("-runs_it", "name", "id")
    )
    return _listing(rows)


def home_queue(user: User) -> Queue:
    """Everything the home page lists for this person, in a fixed number of queries."""
    now = timezone.now()
    today = timezone.localdate(now)
    roles = _roles(user)
    officer_ids = list(access.officer_committee_ids(user))
    outstanding = _outstanding(user)
    # The lists read ten rows each: a restricted row's grants are looked up one by one there.
    first = _outstanding(user, few=True)
    upcoming = (
        access.visible_meetings(user)
        .filter(starts_at__gte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("committee")
        .order_by("starts_at", "id")
    )
    circulated = (
        Minutes.objects.filter(
            stage=Minutes.Stage.CIRCULATED,
            meeting__in=access.visible_meetings(user).values("id"),
        )
        .select_related("meeting__committee")
        .order_by("meeting__starts_at", "id")
    )
    partner_ids = list(access.partner_committee_ids(user))
    lists = {
        "mine": Q(owner=user),
        "agency": Q(owning_agency_id__in=roles["all"]) & ~Q(owner=user),
        "assign": Q(owner__isnull=True, owning_agency_id__in=roles["assign"]),
    }
    # The agency and assign lists lie within the person's agencies (assigning agencies are
    # theirs); only "mine" reaches beyond them.
    counts = _action_counts(outstanding, lists, roles["all"], today)
    return Queue(
        today=today,
        upcoming=_listing(upcoming, limit=UPCOMING_SHOWN),
        my_actions=_action_listing(first.filter(lists["mine"]), counts, "mine", today),
        agency_actions=_action_listing(first.filter(lists["agency"]), counts, "agency", today),
        to_assign=_action_listing(first.filter(lists["assign"]), counts, "assign", today),
        # Lists no role of theirs can fill are not asked for: a query that can return nothing
        # still costs its building.
        to_comment=_listing(
            circulated.filter(access.among("meeting__committee_id", partner_ids)).exclude(
                meeting__committee_id__in=officer_ids
            )
        )
        if partner_ids
        else Listing(rows=[], total=0),
        to_approve=_listing(circulated.filter(meeting__committee_id__in=officer_ids))
        if officer_ids
        else Listing(rows=[], total=0),
        to_record=_to_record(user, roles["lead"], officer_ids, now)
        if officer_ids or roles["lead"]
        else Listing(rows=[], total=0),
        messages=Listing(rows=unread_messages(user, UPCOMING_SHOWN), total=unread_count(user)),
        committees=_committees(user, officer_ids),
        is_officer=bool(officer_ids),
        assigns=bool(roles["assign"]),
        records=bool(officer_ids or roles["lead"]),
    )
