"""What a shown object puts in the log of reads: each object says so itself.

audit sits below every app that calls it (DESIGN.md section 6), so `record_reads` never asks what
type an object is. An object that can show restricted content implements `Audited`: its
`audit_targets()` names what it shows (an item, a paper, a minute, an action, some evidence) and
the agenda item that content belongs to. Read models (an agenda, a summary, a minutes document)
yield the targets of their parts. Nothing here may query the database: `record_reads` looks up
every target's item in one go.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from django.db import models

from .models import RestrictedRead

ReadKind = RestrictedRead.Kind


@dataclass(frozen=True)
class Target:
    """One piece of content shown: its kind, its id and the agenda item it belongs to."""

    kind: str
    object_id: int
    item_id: int | None
    # Whether the item is restricted, when the object already knows; None sends it to the
    # lookup. False drops the target without a query.
    restricted: bool | None = None
    # When the item cannot be named without a query (an action update whose action is not
    # loaded): the model and the path from it to the item's id, looked up in one query for all.
    item_via: tuple[type[models.Model], str] | None = None
    # Which version of it is shown, when the object knows ("minute revision 3"); else the
    # disclosure log names the agenda's revision.
    version: str = ""


@runtime_checkable
class Audited(Protocol):
    """Anything whose display may show restricted content."""

    def audit_targets(self) -> Iterable[Target]:
        """What of restricted content this object shows (nothing when it shows none)."""
        ...


def loaded(obj: models.Model, field: str) -> Any | None:
    """The related object behind `field` if it is already loaded (never a query)."""
    descriptor = getattr(type(obj), field)
    return getattr(obj, field) if descriptor.is_cached(obj) else None
