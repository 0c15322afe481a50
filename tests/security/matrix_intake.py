"""The matrix entries of the import pages (intake) and the import log's admin."""

from __future__ import annotations

from collections.abc import Callable

from audit.models import ImportRecord

from .matrix import get, post, u
from .world import OFFICERS, SecurityWorld

# A log naming the world's agencies; only the committee's officers get past the upload.
LOG = b"Ref,Action,Action by\nM-1,Write to the Committee,MPS\n"


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


ENTRIES: dict[str, Callable] = {
    "intake:actions_template": lambda w: [get(u("intake:actions_template"))],
    "intake:actions": lambda w: [
        get(u("intake:actions", w.committee.short_name), to=OFFICERS),
        post(u("intake:actions", w.committee.short_name), files={"upload": ("log.csv", LOG)}),
    ],
    "intake:actions_confirm": lambda w: [
        post(u("intake:actions_confirm", w.committee.short_name), {"token": "0" * 32}),
    ],
}

ADMIN_MODELS: dict[str, tuple[str, Callable[[SecurityWorld], list]]] = {
    "audit.importrecord": ("plain", lambda w: [_import_record(w)]),
}
