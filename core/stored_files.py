"""A file written to storage while its row is saved is removed again when that row's transaction
rolls back, at any depth (a service's own block, the view's `once` claim, ATOMIC_REQUESTS): a
refused or failed save leaves no file behind (DESIGN section 7).

Django runs no hook on rollback, but it drops the on-commit callbacks of a rolled-back
transaction or savepoint: each stored file registers one, and `files_kept_only_if_saved` (around
every request, core.middleware) removes the files whose callback was dropped without running.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile


@dataclass
class _Stored:
    storage: Storage
    name: str
    committed: list[bool] = field(default_factory=list)

    def mark(self) -> None:
        self.committed.append(True)


_watched: ContextVar[list[_Stored] | None] = ContextVar("stored_files", default=None)


def store(field_file: FieldFile, name: str, content: Any) -> None:
    """Write `content` as the field's file (not saving the row); watched for a rollback."""
    field_file.save(name, content, save=False)
    watched = _watched.get()
    connection = transaction.get_connection()
    if watched is None or not connection.in_atomic_block:
        return
    stored = _Stored(field_file.storage, field_file.name or name)
    transaction.on_commit(stored.mark)
    watched.append(stored)


def _rolled_back(stored: _Stored) -> bool:
    if stored.committed:
        return False
    pending = transaction.get_connection().run_on_commit
    return not any(getattr(func, "__self__", None) is stored for _, func, _ in pending)


@contextmanager
def files_kept_only_if_saved() -> Iterator[None]:
    """Watch the files stored inside; when done, remove those whose transaction rolled back."""
    watched: list[_Stored] = []
    token = _watched.set(watched)
    try:
        yield
    finally:
        _watched.reset(token)
        for stored in watched:
            if _rolled_back(stored):
                stored.storage.delete(stored.name)
