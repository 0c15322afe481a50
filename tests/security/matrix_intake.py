"""The matrix entries of the import pages (intake) and the import log's admin."""

from __future__ import annotations

from collections.abc import Callable

from audit.models import ImportRecord

from .world import SecurityWorld


def _import_record(w: SecurityWorld) -> ImportRecord:
    """An import of the world's committee, as the log keeps one."""
    return ImportRecord.objects.first() or ImportRecord.objects.create(
        imported_by_name="A clerk",
        kind=ImportRecord.Kind.ACTIONS,
        via=ImportRecord.Via.COMMAND,
        file_name="log.csv",
        committee=w.committee,
        created=1,
        unchanged=0,
        refused=0,
    )


ENTRIES: dict[str, Callable] = {}

ADMIN_MODELS: dict[str, tuple[str, Callable[[SecurityWorld], list]]] = {
    "audit.importrecord": ("plain", lambda w: [_import_record(w)]),
}
