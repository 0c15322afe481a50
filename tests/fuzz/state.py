"""What the database and the media folder hold, to prove a refused request wrote nothing.

The contents of every product table are compared, not their row counts: an error answer that
changed a row's text, or deleted one row and wrote another, is a half-save too.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection, transaction

# Written by any request, or on purpose by a refused one: sessions, sign-in attempts (a wrong
# password is counted, django-axes), the one-time tokens and drafts of typed text (kept so that
# nothing typed is lost), and Django's own tables.
NOT_COMPARED = {
    "django_session",
    "axes_accessattempt",
    "axes_accessattemptexpiration",
    "axes_accessfailurelog",
    "axes_accesslog",
    "core_submission",
    "core_draft",
    "django_content_type",
    "auth_permission",
}
# A wrong code counts against the authenticator (django-otp's throttling): kept on purpose.
IGNORED_COLUMNS = {
    "otp_totp_totpdevice": ["throttling_failure_count", "throttling_failure_timestamp"],
    "otp_static_staticdevice": ["throttling_failure_count", "throttling_failure_timestamp"],
}
# A page that shows restricted content logs the read, and its disclosure (#16), on purpose.
READ_LOG = {"audit_restrictedread", "audit_disclosure"}


@functools.cache
def tables(reads_expected: bool = False) -> list[str]:
    """The tables compared: every model's (many-to-many ones too) but those above, and the read
    log when the request may be a read of restricted content (a GET is logged, on purpose)."""
    skipped = NOT_COMPARED | (READ_LOG if reads_expected else set())
    names = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    }
    return sorted(names - skipped)


def digest(names: list[str]) -> dict[str, str]:
    """An md5 of each table's rows (order-independent), in one query on PostgreSQL."""
    if connection.vendor != "postgresql":
        return _digest_portable(names)
    parts = []
    for name in names:
        row = "to_jsonb(t)" + "".join(f" - '{c}'" for c in IGNORED_COLUMNS.get(name, []))
        parts.append(
            f"SELECT '{name}', md5(coalesce(string_agg(({row})::text, ',' "
            f"ORDER BY ({row})::text), '')) FROM {connection.ops.quote_name(name)} t"
        )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return dict(cursor.fetchall())


def _digest_portable(names: list[str]) -> dict[str, str]:
    out = {}
    with connection.cursor() as cursor:
        for name in names:
            ignored = set(IGNORED_COLUMNS.get(name, []))
            columns = [
                c.name
                for c in connection.introspection.get_table_description(cursor, name)
                if c.name not in ignored
            ]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(name)}")
            rows = sorted(repr(r) for r in cursor.fetchall())
            out[name] = hashlib.md5("\n".join(rows).encode()).hexdigest()
    return out


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The tables whose contents differ."""
    return sorted(name for name in before if before[name] != after.get(name))


def files(path: str = "") -> set[str]:
    """Every file under MEDIA_ROOT."""
    try:
        folders, names = default_storage.listdir(path)
    except FileNotFoundError:
        return set()
    found = {f"{path}/{name}" if path else name for name in names}
    for folder in folders:
        found |= files(f"{path}/{folder}" if path else folder)
    return found


class _RolledBack(Exception):
    pass


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run one example and undo everything it wrote."""
    try:
        with transaction.atomic():
            yield
            raise _RolledBack
    except _RolledBack:
        pass
