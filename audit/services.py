"""Writes for the audit log: record who read restricted content, in one bulk insert."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser

from actions.models import Action, ActionUpdate
from actions.summary import Summary, SummaryGroup, SummaryRow
from agencies.models import User
from attendance.models import Declaration, Invitation
from meetings.models import (
    AgendaItem,
    AgendaItemGroupObjectPermission,
    AgendaItemUserObjectPermission,
    Paper,
)
from meetings.selectors import Agenda, AgendaRow
from minutes.models import Minute, MinutesComment
from minutes.selectors import MinutesDocument

from .models import RestrictedRead

Kind = RestrictedRead.Kind
GRANTS_AND_COMMENTS = (
    MinutesComment,
    AgendaItemGroupObjectPermission,
    AgendaItemUserObjectPermission,
)
# (kind, object id, agenda item id or None, whether the item is restricted: None when unknown)
Target = tuple[str, int, int | None, bool | None]


def _cached_item(obj: Any, field: str) -> AgendaItem | None:
    """The related agenda item if it is already loaded (never a query)."""
    descriptor = getattr(type(obj), field)
    return getattr(obj, field) if descriptor.is_cached(obj) else None


def _known(item: AgendaItem | None) -> bool | None:
    return item.restricted if item is not None else None


def _targets_of_item(obj: Any) -> Iterator[Target]:
    """A comment on an item, or a grant of it, names the item: a read of the item."""
    item_id = getattr(obj, "item_id", None) or getattr(obj, "content_object_id", None)
    if item_id:
        yield Kind.ITEM, item_id, item_id, None


def _targets(obj: Any) -> Iterator[Target]:
    """What one shown object is, for the log; objects that are never restricted yield nothing."""
    if obj is None:
        return
    if isinstance(obj, Agenda):
        for row in obj.rows:
            yield from _targets(row)
    elif isinstance(obj, Summary):
        for group in obj.groups:
            yield from _targets(group)
    elif isinstance(obj, SummaryGroup):
        for row in obj.rows:
            yield from _targets(row)
    elif isinstance(obj, SummaryRow):
        yield from _targets(obj.action)
    elif isinstance(obj, MinutesDocument):
        for section in obj.sections:
            yield from _targets(section)
    elif isinstance(obj, GRANTS_AND_COMMENTS):
        yield from _targets_of_item(obj)
    elif isinstance(obj, Invitation | Declaration):
        # A guest invited for an item, or an interest declared on it, is shown with its title.
        if obj.agenda_item_id:
            yield Kind.ITEM, obj.agenda_item_id, obj.agenda_item_id, None
    elif isinstance(obj, AgendaRow):
        if obj.item is not None:
            yield Kind.ITEM, obj.id, obj.id, obj.restricted
    elif isinstance(obj, AgendaItem):
        yield Kind.ITEM, obj.pk, obj.pk, obj.restricted
    elif isinstance(obj, dict) and "change" in obj:
        # A change between two published versions names the item before and after.
        yield from _targets(obj.get("old"))
        yield from _targets(obj.get("new"))
    elif isinstance(obj, dict):
        # A row of a published agenda version; placeholders carry no content. Its snapshot may
        # predate a restriction, so whether the item is restricted now is looked up.
        if "id" in obj and not obj.get("placeholder"):
            yield Kind.ITEM, obj["id"], obj["id"], None
    elif isinstance(obj, Paper):
        yield Kind.PAPER, obj.pk, obj.item_id, _known(_cached_item(obj, "item"))
    elif isinstance(obj, Minute):
        yield Kind.MINUTE, obj.pk, obj.item_id, _known(_cached_item(obj, "item"))
    elif isinstance(obj, Action):
        if obj.agenda_item_id:
            known = _known(_cached_item(obj, "agenda_item"))
            yield Kind.ACTION, obj.pk, obj.agenda_item_id, known
    elif isinstance(obj, ActionUpdate):
        action = obj.action if ActionUpdate.action.is_cached(obj) else None
        if action is None:
            yield Kind.EVIDENCE, obj.pk, None, None  # the item is looked up below
        elif action.agenda_item_id:
            known = _known(_cached_item(action, "agenda_item"))
            yield Kind.EVIDENCE, obj.pk, action.agenda_item_id, known
    elif hasattr(obj, "row") and hasattr(obj, "minute"):
        # A section of the minutes document: its item heading and its minute.
        if getattr(obj, "heading", True):
            yield from _targets(obj.row)
        if obj.minute is not None and obj.row.item is not None:
            yield Kind.MINUTE, obj.minute.pk, obj.row.id, obj.row.restricted


def record_reads(user: User | AnonymousUser, items: Iterable[Any], surface: str) -> int:
    """Log that `user` was shown the content of these objects on `surface` (a URL name).

    Objects may be agenda items, rows or whole agendas, published version rows and changes,
    papers, minutes (sections, or the whole minutes document), actions (or a Summary of
    actions), action updates, invitations and declarations; None is skipped. Only the content
    of restricted items is logged, once per object per call. At most three queries whatever
    the number of objects: the items (and, for updates whose action is not loaded, their
    actions) are looked up in one go, then every row is written in one bulk insert. Returns
    the number of rows written.
    """
    if not user.is_authenticated:
        return 0
    targets: dict[tuple[str, int], Target] = {}
    for obj in items:
        for target in _targets(obj):
            if target[3] is not False:
                targets.setdefault((target[0], target[1]), target)
    if not targets:
        return 0
    orphan_updates = [t[1] for t in targets.values() if t[0] == Kind.EVIDENCE and t[2] is None]
    if orphan_updates:
        found = dict(
            ActionUpdate.objects.filter(pk__in=orphan_updates).values_list(
                "pk", "action__agenda_item_id"
            )
        )
        for pk in orphan_updates:
            targets[(Kind.EVIDENCE, pk)] = (Kind.EVIDENCE, pk, found.get(pk), None)
    item_ids = {t[2] for t in targets.values() if t[2] is not None}
    if not item_ids:
        return 0
    restricted = {
        pk: (meeting_id, committee_id)
        for pk, meeting_id, committee_id in AgendaItem.objects.filter(
            pk__in=item_ids, restricted=True
        ).values_list("pk", "meeting_id", "meeting__committee_id")
    }
    rows = [
        RestrictedRead(
            reader_id=user.pk,
            reader_name=user.full_name[:150],
            kind=kind,
            object_id=object_id,
            item_id=item_id,
            meeting_id=restricted[item_id][0],
            committee_id=restricted[item_id][1],
            surface=surface[:100],
        )
        for kind, object_id, item_id, _ in targets.values()
        if item_id in restricted
    ]
    RestrictedRead.objects.bulk_create(rows)
    return len(rows)
