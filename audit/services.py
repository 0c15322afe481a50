"""Writes for the audit log: record who read restricted content, in one bulk insert."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.contrib.auth.models import AnonymousUser
from django.db import models

from .models import FactorReset, ImportRecord, RestrictedRead
from .targets import Audited, Target


class Reader(Protocol):
    """A signed-in person as the log sees them (audit imports no app, so not the User model)."""

    @property
    def pk(self) -> Any: ...

    @property
    def full_name(self) -> str: ...

    @property
    def is_authenticated(self) -> bool: ...


def _item_model() -> type[models.Model]:
    # The log's own column names the agenda item model; reaching it through that column keeps
    # audit free of any import of the app that defines it.
    model = RestrictedRead._meta.get_field("item").related_model
    if not isinstance(model, type):
        raise TypeError("RestrictedRead.item must name its model")
    return model


def _find_items(targets: dict[tuple[str, int], Target]) -> None:
    """Name the item of each target that could not name it without a query: one query per
    model, whatever the number of targets."""
    pending: dict[tuple[type[models.Model], str], list[Target]] = {}
    for target in targets.values():
        if target.item_id is None and target.item_via is not None:
            pending.setdefault(target.item_via, []).append(target)
    for (model, path), found in pending.items():
        items = dict(
            model._default_manager.filter(pk__in=[t.object_id for t in found]).values_list(
                "pk", path
            )
        )
        for t in found:
            targets[(t.kind, t.object_id)] = Target(t.kind, t.object_id, items.get(t.object_id))


def record_reads(
    user: Reader | AnonymousUser, items: Iterable[Audited | None], surface: str
) -> int:
    """Log that `user` was shown the content of these objects on `surface` (a URL name).

    Each object names what it shows through `audit_targets()` (agenda items, rows or whole
    agendas, published version rows, papers, minutes, actions, summaries, evidence, invitations,
    declarations, comments and grants); None is skipped. Only the content of restricted items is
    logged, once per object per call. At most three queries whatever the number of objects: the
    items (and, for updates whose action is not loaded, their actions) are looked up in one go,
    then every row is written in one bulk insert. Returns the number of rows written.
    """
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        return 0
    targets: dict[tuple[str, int], Target] = {}
    for obj in items:
        if obj is None:
            continue
        for target in obj.audit_targets():
            if target.restricted is not False:
                targets.setdefault((target.kind, target.object_id), target)
    if not targets:
        return 0
    _find_items(targets)
    item_ids = {t.item_id for t in targets.values() if t.item_id is not None}
    if not item_ids:
        return 0
    restricted = {
        pk: (meeting_id, committee_id)
        for pk, meeting_id, committee_id in _item_model()
        ._default_manager.filter(pk__in=item_ids, restricted=True)
        .values_list("pk", "meeting_id", "meeting__committee_id")
    }
    rows = [
        RestrictedRead(
            reader_id=user.pk,
            reader_name=user.full_name[:150],
            kind=t.kind,
            object_id=t.object_id,
            item_id=t.item_id,
            meeting_id=restricted[t.item_id][0],
            committee_id=restricted[t.item_id][1],
            surface=surface[:100],
        )
        for t in targets.values()
        if t.item_id in restricted
    ]
    RestrictedRead.objects.bulk_create(rows)
    return len(rows)


def import_record(
    *,
    by: Reader | None,
    by_name: str = "",
    kind: str,
    via: str,
    file_name: str,
    committee_id: int | None = None,
    created: int,
    unchanged: int,
    refused: int,
) -> ImportRecord:
    """Log an import: who ran it, which file, into which committee, and what it did."""
    return ImportRecord.objects.create(
        imported_by_id=by.pk if by is not None else None,
        imported_by_name=((by.full_name if by is not None else "") or by_name)[:150],
        kind=kind,
        via=via,
        file_name=file_name[:200],
        committee_id=committee_id,
        created=created,
        unchanged=unchanged,
        refused=refused,
    )


def record_factor_reset(*, actor: Reader, person: Reader, email: str, devices: int) -> FactorReset:
    """Log that `actor` removed `person`'s second factor (`devices` devices)."""
    return FactorReset.objects.create(
        actor_id=actor.pk,
        actor_name=actor.full_name[:150],
        person_id=person.pk,
        person_name=person.full_name[:150],
        person_email=email[:254],
        devices=devices,
    )
