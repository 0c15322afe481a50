"""Writes for agenda items: the tree, its order, and who may see a restricted item."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Min, ProtectedError
from guardian.shortcuts import assign_perm, remove_perm

from agencies.models import Agency, User
from core.unset import UNSET, Unset, given

from ..models import AgendaItem, ExemptParagraph, Meeting
from .revision import bump

VIEW_PERM = "view_agendaitem"
EXEMPT_PARAGRAPH_NEEDED = (
    "This committee meets in public: choose the paragraph of Schedule 12A that makes the item "
    "exempt, or leave it open to everyone"
)


def agenda_apply_template(*, meeting: Meeting, template: list[dict]) -> list[AgendaItem]:
    """Add the items of a standing agenda (a nested list of dicts) to a meeting."""
    created: list[AgendaItem] = []

    def add(rows: list[dict], parent: AgendaItem | None, depth: int) -> None:
        if depth > AgendaItem.MAX_DEPTH:
            raise ValidationError("A standing agenda may be at most three levels deep.")
        for position, row in enumerate(rows):
            item = AgendaItem(
                meeting=meeting,
                parent=parent,
                position=position,
                kind=row.get("kind", AgendaItem.Kind.SUBSTANTIVE),
                title=row["title"],
                planned_minutes=row.get("planned_minutes"),
                recommendation=row.get("recommendation", ""),
            )
            item.full_clean()
            item.save()
            created.append(item)
            add(row.get("children", []), item, depth + 1)

    add(template, None, 1)
    return created


def _depth(item: AgendaItem | None) -> int:
    depth = 0
    while item is not None:
        depth += 1
        item = item.parent
    return depth


def _subtree_height(item: AgendaItem) -> int:
    children = list(item.children.all())
    return 1 + max((_subtree_height(c) for c in children), default=0)


def _check_parent(meeting: Meeting, parent: AgendaItem | None, height: int = 1) -> None:
    if parent is None:
        return
    if parent.meeting_id != meeting.id:
        raise ValidationError({"parent": "That item belongs to another meeting."})
    if _depth(parent) + height > AgendaItem.MAX_DEPTH:
        raise ValidationError(
            {"parent": "Agendas go three levels deep at most: part, item and sub-item."}
        )


# Closing business stays last: a new item lands before the first of these among its siblings.
CLOSING_KINDS = (AgendaItem.Kind.AOB, AgendaItem.Kind.NEXT_MEETING)


def _insert_position(
    meeting: Meeting, parent: AgendaItem | None, after: AgendaItem | None, kind: str, at_end: bool
) -> int:
    """Where a new item goes: right after `after`, else before the closing business (any other
    business, date of next meeting) unless it is closing business itself or asked `at_end`, else
    last. Later siblings make room."""
    siblings = AgendaItem.objects.filter(meeting=meeting, parent=parent)
    if after is not None:
        position = after.position + 1
    else:
        closing = None
        if kind not in CLOSING_KINDS and not at_end:
            closing = siblings.filter(kind__in=CLOSING_KINDS).aggregate(m=Min("position"))["m"]
        if closing is None:
            last = siblings.aggregate(m=Max("position"))["m"]
            return 0 if last is None else last + 1
        position = closing
    siblings.filter(position__gte=position).update(position=F("position") + 1)
    return position


@transaction.atomic
def item_create(
    *,
    meeting: Meeting,
    expected_revision: int | None,
    title: str,
    kind: str = AgendaItem.Kind.SUBSTANTIVE,
    description: str = "",
    lead_agency: Agency | None = None,
    planned_minutes: int | None = None,
    recommendation: str = "",
    parent: AgendaItem | None = None,
    presenters: list[User] | None = None,
    after: AgendaItem | None = None,
    at_end: bool = False,
) -> AgendaItem:
    """Add an item right after `after` (as its sibling), or else under `parent` before any
    other business (last with `at_end`); under a restricted item it inherits the restriction
    and its grants."""
    bump(meeting, expected_revision)
    if after is not None:
        if after.meeting_id != meeting.id:
            raise ValidationError({"after": "That item belongs to another meeting."})
        parent = after.parent
    _check_parent(meeting, parent)
    item = AgendaItem(
        meeting=meeting,
        parent=parent,
        position=_insert_position(meeting, parent, after, kind, at_end),
        title=title,
        kind=kind,
        description=description,
        lead_agency=lead_agency,
        planned_minutes=planned_minutes,
        recommendation=recommendation,
    )
    item.full_clean()
    item.save()
    if presenters:
        item.presenters.set(presenters)
    if parent is not None and parent.restricted:
        agencies, users = item_grants(parent)
        _restrict_one(item, True, agencies, users)
    return item


@transaction.atomic
def item_update(
    *,
    item: AgendaItem,
    expected_revision: int | None,
    kind: str | Unset = UNSET,
    title: str | Unset = UNSET,
    description: str | Unset = UNSET,
    lead_agency: Agency | Unset | None = UNSET,
    planned_minutes: int | Unset | None = UNSET,
    recommendation: str | Unset = UNSET,
    presenters: list[User] | None = None,
) -> AgendaItem:
    """Change an item's content: only the fields given (None clears a lead or planned time)."""
    bump(item.meeting, expected_revision)
    changes = given(
        kind=kind,
        title=title,
        description=description,
        lead_agency=lead_agency,
        planned_minutes=planned_minutes,
        recommendation=recommendation,
    )
    for name, value in changes.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    if presenters is not None:
        item.presenters.set(presenters)
    return item


@transaction.atomic
def item_delete(*, item: AgendaItem, expected_revision: int | None) -> None:
    """Remove an item with its sub-items, papers, questions and grants."""
    bump(item.meeting, expected_revision)
    siblings = AgendaItem.objects.filter(
        meeting=item.meeting_id, parent=item.parent_id, position__gt=item.position
    )
    subtree = [node.pk for node in _subtree(item)]
    guests = AgendaItem.objects.filter(pk__in=subtree, restricted=True, invitations__isnull=False)
    if guests.exists():
        # Their invitations would outlive the item as guests of the whole meeting, names shown.
        raise ValidationError("Guests are invited for this restricted item: remove them first.")
    try:
        item.delete()
    except ProtectedError as error:  # actions keep their item: refuse, never a 500
        message = "Actions were recorded on this item, so it cannot be removed."
        raise ValidationError(message) from error
    siblings.update(position=F("position") - 1)


def _siblings(item: AgendaItem) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(meeting=item.meeting_id, parent=item.parent_id).order_by(
            "position", "id"
        )
    )


def _renumber(items: list[AgendaItem]) -> None:
    for position, sibling in enumerate(items):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


@transaction.atomic
def item_move(
    *,
    item: AgendaItem,
    expected_revision: int | None,
    direction: str | None = None,
    parent: AgendaItem | None = None,
    position: int | None = None,
) -> AgendaItem:
    """Move an item: 'up' or 'down' among its siblings, 'to' a position among them (0-based,
    in one step), 'in' (under the item above it), 'out' (after its parent), or to an explicit
    parent and position."""
    bump(item.meeting, expected_revision)
    siblings = _siblings(item)
    index = next(i for i, s in enumerate(siblings) if s.id == item.id)
    if direction == "to":
        if position is None or not 0 <= position < len(siblings):
            raise ValidationError(
                {"position": f"Choose a position from 1 to {len(siblings)}."}, code="invalid"
            )
        siblings.insert(position, siblings.pop(index))
        _renumber(siblings)
        return item
    if direction in ("up", "down"):
        target = index - 1 if direction == "up" else index + 1
        if not 0 <= target < len(siblings):
            raise ValidationError(
                f"This item is already at the {'top' if target < 0 else 'bottom'}."
            )
        siblings[index], siblings[target] = siblings[target], siblings[index]
        _renumber(siblings)
        return item
    if direction == "in":
        if index == 0:
            raise ValidationError("There is no item above this one to move it under.")
        parent, position = siblings[index - 1], None
    elif direction == "out":
        if item.parent is None:
            raise ValidationError("This item is already at the top level.")
        parent, position = item.parent.parent, item.parent.position + 1
    elif direction is not None:
        raise ValidationError("Unknown move.")
    _reparent(item, parent, position, siblings, index)
    return item


def _reparent(
    item: AgendaItem,
    parent: AgendaItem | None,
    position: int | None,
    old_siblings: list[AgendaItem],
    index: int,
) -> None:
    node = parent
    while node is not None:
        if node.id == item.id:
            raise ValidationError({"parent": "An item cannot be moved under itself."})
        node = node.parent
    _check_parent(item.meeting, parent, height=_subtree_height(item))
    del old_siblings[index]
    _renumber(old_siblings)
    new_siblings = list(
        AgendaItem.objects.filter(meeting=item.meeting_id, parent=parent)
        .exclude(pk=item.pk)
        .order_by("position", "id")
    )
    position = len(new_siblings) if position is None else max(0, min(position, len(new_siblings)))
    item.parent = parent
    item.save(update_fields=["parent"])
    new_siblings.insert(position, item)
    for pos, sibling in enumerate(new_siblings):
        sibling.position = pos
        sibling.save(update_fields=["position"])
    if parent is not None and parent.restricted:
        agencies, users = item_grants(parent)
        for node in _subtree(item):
            _restrict_one(node, True, agencies, users)


def _subtree(item: AgendaItem) -> list[AgendaItem]:
    nodes = [item]
    for child in item.children.all():
        nodes.extend(_subtree(child))
    return nodes


def item_grants(item: AgendaItem) -> tuple[list[Agency], list[User]]:
    """The agencies and single people an item is granted to."""
    group_ids = item.agendaitemgroupobjectpermission_set.filter(
        permission__codename=VIEW_PERM
    ).values("group_id")
    user_ids = item.agendaitemuserobjectpermission_set.filter(
        permission__codename=VIEW_PERM
    ).values("user_id")
    return (
        list(Agency.objects.filter(group__in=group_ids).order_by("name")),
        list(User.objects.filter(id__in=user_ids).order_by("full_name")),
    )


# What else must follow an item when it is restricted or opened, registered by the apps above
# meetings (actions mirror the flag in Action.restricted; see ActionsConfig.ready). Meetings
# imports none of them: they register here, in the same transaction as the change.
RESTRICTION_FOLLOWERS: list[Callable[[AgendaItem, bool], None]] = []


def _restrict_one(
    item: AgendaItem, restricted: bool, agencies: list[Agency], users: list[User]
) -> None:
    item.restricted = restricted
    item.save(update_fields=["restricted"])
    for follow in RESTRICTION_FOLLOWERS:
        follow(item, restricted)
    old_agencies, old_users = item_grants(item)
    wanted_agencies = set(agencies) if restricted else set()
    wanted_users = set(users) if restricted else set()
    for agency in set(old_agencies) - wanted_agencies:
        remove_perm(VIEW_PERM, agency.group, item)
    for user in set(old_users) - wanted_users:
        remove_perm(VIEW_PERM, user, item)
    for agency in wanted_agencies - set(old_agencies):
        assign_perm(VIEW_PERM, agency.group, item)
    for user in wanted_users - set(old_users):
        assign_perm(VIEW_PERM, user, item)


@transaction.atomic
def item_restrict(
    *,
    item: AgendaItem,
    expected_revision: int | None,
    restricted: bool,
    agencies: list[Agency] | None = None,
    users: list[User] | None = None,
    exempt_paragraph: int | None = None,
) -> AgendaItem:
    """Restrict an item (and its sub-items) to some agencies and people, or open it again.

    The chairs and secretariat always see it; nobody else does unless granted here. On a
    committee that meets in public a restricted item is exempt, and says why: its Schedule 12A
    paragraph (shown on the public pages in place of the item).
    """
    bump(item.meeting, expected_revision)
    if item.parent is not None and item.parent.restricted and not restricted:
        raise ValidationError("A sub-item of a restricted item is restricted with it.")
    paragraph = exempt_paragraph if restricted else None
    if paragraph is not None and paragraph not in ExemptParagraph.values:
        raise ValidationError({"exempt_paragraph": "Choose a paragraph of Schedule 12A (1 to 7)."})
    if restricted and paragraph is None and item.meeting.committee.is_public:
        raise ValidationError({"exempt_paragraph": EXEMPT_PARAGRAPH_NEEDED})
    for node in _subtree(item):
        _restrict_one(node, restricted, agencies or [], users or [])
        node.exempt_paragraph = paragraph
        node.save(update_fields=["exempt_paragraph"])
    return item
