"""The benchmark's own PostgreSQL database: recreate it, drop it, never a shared one."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit


def _admin_url(url: str) -> tuple[str, str]:
    """(a URL of the server's maintenance database, the benchmark database's name)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or name in ("postgres", "template1"):
        raise SystemExit(f"Refusing to recreate database {name!r}: use a dedicated name.")
    return urlunsplit(parts._replace(path="/postgres")), name


def recreate_database(url: str) -> None:
    """Drop and create the benchmark's own database."""
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    """Drop the benchmark's database."""
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# The generator's tables (bench.generate), as the results' dataset table lists them.
GENERATED = ("actions_", "agencies_", "meetings_", "auth_group")


def table_counts() -> dict[str, int]:
    """Rows in the generator's tables of the Django database, for a reused dataset whose
    generation record (var/bench-dataset.json) is not at hand, e.g. kept by another checkout."""
    from django.db import connection

    from meetings.models import AgendaItem

    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if not table.startswith(GENERATED) or table.startswith("auth_group_"):
                continue
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            found = cursor.fetchone()[0]
            if found:
                counts[table] = found
    counts["restricted items"] = AgendaItem.objects.filter(restricted=True).count()
    return counts
