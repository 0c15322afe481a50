"""visible_actions' rule (actions/visibility.py) for many people and actions at once.

The chasing sweep asks, for every person on a step's ladder, which of the actions it chases they
may see. Asked one person at a time that was one query per person: 30,000 queries for a
London-sized register, most of the sweep's minute. Here the same facts are read in a handful of
set-based queries (memberships, committees' hosts, members and officers, co-owners, draft
meetings, grants of the restricted items concerned) and the rule is applied in Python.

The rule must stay the one visible_actions writes: tests/actions/test_visible_pairs.py compares
the two for every person and action of a generated partnership (restricted items granted to
agencies and single people, draft meetings, co-owners, officers, an inactive person, a
superuser). Change both together.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth.models import Permission

from agencies.models import Membership, User
from meetings.models import (
    AgendaItemGroupObjectPermission,
    AgendaItemUserObjectPermission,
    Committee,
    Meeting,
)

from .models import Action

# Ids per IN list: large enough for few queries, small enough for a quick plan.
CHUNK = 5000


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


@dataclass(frozen=True)
class _Row:
    committee: int
    agency: int
    meeting: int | None
    restricted: bool
    item: int | None


def _committees() -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """(agency -> committees it hosts or sits on, person -> committees they chair or clerk)."""
    by_agency: dict[int, set[int]] = {}
    for committee_id, host_id in Committee.objects.values_list("id", "host_id"):
        by_agency.setdefault(host_id, set()).add(committee_id)
    members = Committee.member_agencies.through.objects.values_list("committee_id", "agency_id")
    for committee_id, agency_id in members:
        by_agency.setdefault(agency_id, set()).add(committee_id)
    officers: dict[int, set[int]] = {}
    for model in (Committee.chairs.through, Committee.secretariat.through):
        for committee_id, user_id in model.objects.values_list("committee_id", "user_id"):
            officers.setdefault(user_id, set()).add(committee_id)
    return by_agency, officers


def _grants(items: set[int], users: list[int]) -> dict[int, set[int]]:
    """Person -> the given restricted items granted to them or to one of their groups."""
    view = Permission.objects.filter(
        codename="view_agendaitem",
        content_type__app_label="meetings",
        content_type__model="agendaitem",
    ).first()
    granted: dict[int, set[int]] = {}
    if view is None or not items:
        return granted
    to_groups: dict[int, set[int]] = {}
    for chunk in _chunks(items):
        own = AgendaItemUserObjectPermission.objects.filter(
            permission=view, content_object_id__any=chunk
        ).values_list("user_id", "content_object_id")
        for user_id, item_id in own:
            granted.setdefault(user_id, set()).add(item_id)
        groups = AgendaItemGroupObjectPermission.objects.filter(
            permission=view, content_object_id__any=chunk
        ).values_list("group_id", "content_object_id")
        for group_id, item_id in groups:
            to_groups.setdefault(group_id, set()).add(item_id)
    for chunk in _chunks(users):
        rows = User.groups.through.objects.filter(user_id__any=chunk, group_id__any=list(to_groups))
        for user_id, group_id in rows.values_list("user_id", "group_id"):
            granted.setdefault(user_id, set()).update(to_groups[group_id])
    return granted


def visible_pairs(wanted: dict[int, set[int]]) -> set[tuple[int, int]]:
    """The (person, action) pairs among those wanted (person -> action ids) that
    visible_actions(person) would return."""
    action_ids = set().union(*wanted.values()) if wanted else set()
    if not action_ids:
        return set()
    users: dict[int, tuple[bool, bool]] = {}
    for chunk in _chunks(wanted):
        rows = User.objects.filter(pk__any=chunk).values_list("pk", "is_active", "is_superuser")
        users.update({pk: (active, superuser) for pk, active, superuser in rows})
    people = [pk for pk, (active, _) in users.items() if active]
    actions: dict[int, _Row] = {}
    co_owners: dict[int, set[int]] = {}
    for chunk in _chunks(action_ids):
        fields = ("pk", "committee_id", "owning_agency_id", "meeting_id", "restricted")
        for pk, *row in Action.objects.filter(pk__any=chunk).values_list(*fields, "agenda_item_id"):
            actions[pk] = _Row(*row)
        co = Action.co_agencies.through.objects.filter(action_id__any=chunk)
        for action_id, agency_id in co.values_list("action_id", "agency_id"):
            co_owners.setdefault(action_id, set()).add(agency_id)
    agencies: dict[int, set[int]] = {}
    for chunk in _chunks(people):
        belongs = Membership.objects.filter(user_id__any=chunk).values_list("user_id", "agency_id")
        for user_id, agency_id in belongs:
            agencies.setdefault(user_id, set()).add(agency_id)
    by_agency, officer_of = _committees()
    drafts = set(Meeting.objects.filter(status=Meeting.Status.DRAFT).values_list("id", flat=True))
    restricted_items = {row.item for row in actions.values() if row.restricted and row.item}
    granted = _grants(restricted_items, people)

    allowed: set[tuple[int, int]] = set()
    for user_id, ids in wanted.items():
        active, superuser = users.get(user_id, (False, False))
        if not active:
            continue
        if superuser:
            allowed.update((user_id, pk) for pk in ids if pk in actions)
            continue
        mine = agencies.get(user_id, set())
        officer = officer_of.get(user_id, set())
        partner = officer.union(*(by_agency.get(agency, ()) for agency in mine))
        items = granted.get(user_id, set())
        for pk in ids:
            row = actions.get(pk)
            if row is None:
                continue
            runs = row.committee in officer
            if not (
                row.committee in partner
                or row.agency in mine
                or not mine.isdisjoint(co_owners.get(pk, ()))
            ):
                continue
            if row.meeting is not None and row.meeting in drafts and not runs:
                continue
            if row.restricted and not runs and row.item not in items:
                continue
            allowed.add((user_id, pk))
    return allowed
