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
