"""Writes for the audit log: record who read restricted content, in one bulk insert."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone

from .models import FactorReset, ImportRecord, RestrictedRead
from .shown import Disclosed, note
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
            targets[(t.kind, t.object_id)] = Target(
                t.kind, t.object_id, items.get(t.object_id), version=t.version
            )


def restricted_content(items: Iterable[Audited | None]) -> list[Disclosed]:
    """What of restricted content these objects show, each object once (None is skipped).

    Each object names what it shows through `audit_targets()` (agenda items, rows or whole
    agendas, published version rows, papers, minutes, actions, summaries, evidence, invitations,
    declarations, comments and grants); only the content of restricted items counts. At most two
    queries whatever the number of objects: the items (and, for updates whose action is not
    loaded, their actions) are looked up in one go.
    """
    targets: dict[tuple[str, int], Target] = {}
    for obj in items:
        if obj is None:
            continue
        for target in obj.audit_targets():
            if target.restricted is not False:
                targets.setdefault((target.kind, target.object_id), target)
    if not targets:
        return []
    _find_items(targets)
    item_ids = {t.item_id for t in targets.values() if t.item_id is not None}
    if not item_ids:
        return []
    restricted = {
        pk: (meeting_id, committee_id, revision, title, starts_at)
        for pk, meeting_id, committee_id, revision, title, starts_at in _item_model()
        ._default_manager.filter(pk__in=item_ids, restricted=True)
        .values_list(
            "pk",
            "meeting_id",
            "meeting__committee_id",
            "meeting__agenda_revision",
            "meeting__title",
            "meeting__starts_at",
        )
    }
    return [
        _disclosed(t, *restricted[t.item_id])
        for t in targets.values()
        if t.item_id is not None and t.item_id in restricted
    ]


def record_reads(
    user: Reader | AnonymousUser, items: Iterable[Audited | None], surface: str
) -> int:
    """Log that `user` was shown the content of these objects on `surface` (a URL name).

    Only the content of restricted items is logged (`restricted_content`), once per object per
    call, in at most three queries whatever the number of objects; what is logged is also noted
    for the request being served (audit.shown), which marks and discloses it. Returns the number
    of rows written.
    """
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        return 0
    shown = restricted_content(items)
    if not shown:
        return 0
    RestrictedRead.objects.bulk_create(
        RestrictedRead(
            reader_id=user.pk,
            reader_name=user.full_name[:150],
            kind=d.kind,
            object_id=d.object_id,
            item_id=d.item_id,
            meeting_id=d.meeting_id,
            committee_id=d.committee_id,
            surface=surface[:100],
        )
        for d in shown
    )
    note(shown)
    return len(shown)


def _disclosed(
    t: Target, meeting_id: int, committee_id: int, revision: int, title: str, starts_at: Any
) -> Disclosed:
    """A shown target as the disclosure log names it: by kind, id and meeting, never by the
    item's title (which the log's readers may not all be allowed to see)."""
    kind = RestrictedRead.Kind(t.kind).label if t.kind in RestrictedRead.Kind else t.kind
    day = f"{timezone.localtime(starts_at):%d %b %Y}" if starts_at is not None else ""
    return Disclosed(
        kind=t.kind,
        object_id=t.object_id,
        item_id=t.item_id or 0,
        meeting_id=meeting_id,
        committee_id=committee_id,
        version=t.version or f"agenda revision {revision}",
        label=f"{kind} {t.object_id} of a restricted item of {title} ({day})"[:300],
    )


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
