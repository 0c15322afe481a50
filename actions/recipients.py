"""Who is sent each step of the chasing ladder (DESIGN.md sections 3 and 4).

Every candidate passes the access rule (actions/visibility.py) when the step is planned, and
again when it is sent (actions/outbox.py). The ladder falls back rung by rung until someone
who can sign in and may see the action is found; the committee's chairs and secretariat are
the last rung, in their daily digest. A step that reaches nobody says why on its row, which
the dashboard and the outbox admin show. A newer step for an action supersedes a pending
older one for the same person, so each person has at most one reminder per action pending.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from agencies.models import Membership, User, can_sign_in_q
from meetings.models import Committee

from .models import Delivery, Notification
from .visible_pairs import visible_pairs

Level = Notification.Level
# (people, whether they read it in their daily digest)
Rung = tuple[list[int], bool]


@dataclass
class People:
    """The ladder's people for a set of actions, each able to sign in."""

    owners: set[int]
    leads: dict[int, list[int]]
    managers: dict[int, list[int]]
    officers: dict[int, list[int]]


def _by_agency(agency_ids: Iterable[int], role: str) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    rows = Membership.objects.filter(
        can_sign_in_q("user__"), agency_id__in=set(agency_ids), role=role
    )
    for agency_id, user_id in rows.values_list("agency_id", "user_id"):
        found.setdefault(agency_id, []).append(user_id)
    return found


def _officers(committee_ids: Iterable[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for model in (Committee.chairs.through, Committee.secretariat.through):
        rows = model.objects.filter(can_sign_in_q("user__"), committee_id__in=set(committee_ids))
        for committee_id, user_id in rows.values_list("committee_id", "user_id"):
            found.setdefault(committee_id, []).append(user_id)
    return found


class Chased(Protocol):
    """What the ladder reads of an action (an Action, or a Step that carries it)."""

    @property
    def owner_id(self) -> int | None:
        """The owner, if any."""

    @property
    def owning_agency_id(self) -> int:
        """The agency that owns it."""

    @property
    def committee_id(self) -> int:
        """The committee it belongs to."""


def load_people(actions: Iterable[Chased]) -> People:
    """Owners, leads, managers and officers of these actions who can sign in."""
    actions = list(actions)
    agencies = {a.owning_agency_id for a in actions}
    owner_ids = {a.owner_id for a in actions if a.owner_id}
    return People(
        owners=set(
            User.objects.can_sign_in().filter(pk__any=list(owner_ids)).values_list("pk", flat=True)
        ),
        leads=_by_agency(agencies, Membership.Role.LEAD),
        managers=_by_agency(agencies, Membership.Role.MANAGER),
        officers=_officers({a.committee_id for a in actions}),
    )


def ladder(action: Chased, level: int, people: People) -> list[Rung]:
    """The rungs for one step, first choice first. Owners and leads are emailed singly;
    managers and officers read the step in their daily digest, at every level."""
    agency, committee = action.owning_agency_id, action.committee_id
    leads = people.leads.get(agency, [])
    managers = (people.managers.get(agency, []), True)
    officers = (people.officers.get(committee, []), True)
    if level == Level.OWNER:
        owner = [action.owner_id] if action.owner_id in people.owners else []
        return [(owner, False), (leads, False), managers, officers]
    if level == Level.MANAGERS:
        return [managers, (leads, True), officers]
    return [officers]


def who_may_see(wanted: dict[int, set[int]]) -> set[tuple[int, int]]:
    """The (person, action) pairs the access rule allows, in a few set-based queries (one per
    person was most of a sweep over a million actions)."""
    return visible_pairs(wanted)


UNREACHED = (
    "Reached nobody: no owner, lead or manager who can sign in and may see it, and no chair or "
    "secretariat of the committee who can."
)


class Step(NamedTuple):
    """A notification to plan, with what the ladder reads of its action (named as the action
    names them, so that ladder and load_people read a step as they read an action)."""

    pk: int
    action_id: int
    level: int
    owner_id: int | None = None
    owning_agency_id: int = 0
    committee_id: int = 0


# The Notification query that gives Step's fields, in order.
STEP_QUERY = (
    "pk",
    "action_id",
    "level",
    "action__owner_id",
    "action__owning_agency_id",
    "action__committee_id",
)
# What plan gives for each outbox row, in this order.
DELIVERY_FIELDS = ("notification_id", "recipient_id", "digest")


def plan(notifications: list[Step]) -> tuple[list[tuple[int, int, bool]], dict[int, str]]:
    """The outbox rows for these steps (DELIVERY_FIELDS), and the steps that reach nobody with
    the reason."""
    people = load_people(notifications)
    rungs = {n.pk: ladder(n, n.level, people) for n in notifications}
    wanted: dict[int, set[int]] = {}
    for n in notifications:
        for persons, _ in rungs[n.pk]:
            for person in persons:
                wanted.setdefault(person, set()).add(n.action_id)
    allowed = who_may_see(wanted)
    rows: list[tuple[int, int, bool]] = []
    unreached: dict[int, str] = {}
    for n in notifications:
        for persons, digest in rungs[n.pk]:
            chosen = sorted({p for p in persons if (p, n.action_id) in allowed})
            if chosen:
                rows += [(n.pk, p, digest) for p in chosen]
                break
        else:
            unreached[n.pk] = UNREACHED
    return rows, unreached


def supersede(action_ids: Iterable[int]) -> list[int]:
    """Cancel pending rows that a newer step for the same action and person replaces; returns
    their ids. A row being sent right now is waited for and, once sent, left alone."""
    # The actions' steps first, then their pending rows by step: joined in one query, a sweep's
    # fresh rows (not yet in the planner's statistics) were read by scanning every pending row.
    steps: dict[int, tuple] = {}
    for ids in _slices(action_ids):
        found = Notification.objects.filter(action_id__any=ids)
        for pk, action_id, day, level in found.values_list("id", "action_id", "day", "level"):
            steps[pk] = (action_id, day, level)
    rows = []
    for ids in _slices(steps):
        # The state is checked here, not in the query: with it there, a planner whose statistics
        # say few rows are pending (taken before this sweep wrote its rows) reads every pending
        # row through the state index for each slice.
        rows_of = Delivery.objects.filter(notification_id__any=ids).values_list(
            "id", "notification_id", "recipient_id", "state"
        )
        for pk, step, recipient_id, state in rows_of:
            if state == Delivery.State.PENDING:
                action_id, day, level = steps[step]
                rows.append((pk, action_id, recipient_id, day, level))
    newest: dict[tuple[int, int], tuple] = {}
    for pk, action_id, recipient_id, day, level in rows:
        key = (action_id, recipient_id)
        newest[key] = max(newest.get(key, (day, level, pk)), (day, level, pk))
    keep = {rank[2] for rank in newest.values()}
    stale = [pk for pk, *_ in rows if pk not in keep]
    if not stale:
        return []
    # Locked by primary key (waiting for a worker sending one), then only those still pending
    # cancelled: with the state in the UPDATE's condition the planner read every pending row.
    locked = Delivery.objects.select_for_update().filter(pk__any=stale)
    pending = [
        pk for pk, state in locked.values_list("pk", "state") if state == Delivery.State.PENDING
    ]
    Delivery.objects.filter(pk__any=pending).update(
        state=Delivery.State.CANCELLED,
        last_error="Superseded by a newer step for this action.",
    )
    return pending


def _slices(ids: Iterable[int], size: int = 5000) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def reroute(notification: Notification) -> int:
    """After a recipient lost access before sending: if nobody else is to get this step, the
    committee's officers who may see it get it in their digest. Returns rows written."""
    live = Delivery.objects.filter(
        notification=notification, state__in=[Delivery.State.PENDING, Delivery.State.SENT]
    )
    if live.exists():
        return 0
    action = notification.action
    officers = load_people([action]).officers.get(action.committee_id, [])
    allowed = who_may_see({person: {action.pk} for person in officers})
    had = set(
        Delivery.objects.filter(notification=notification).values_list("recipient_id", flat=True)
    )
    chosen = sorted({p for p, _ in allowed} - had)
    rows = [Delivery(notification=notification, recipient_id=p, digest=True) for p in chosen]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    if not rows:
        Notification.objects.filter(pk=notification.pk).update(
            unreached="Reached nobody: its recipients lost access before sending and no chair "
            "or secretariat who can sign in may see it."
        )
    return len(rows)
