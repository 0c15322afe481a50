"""Bulk inserts that say what they inserted.

`bulk_create(ignore_conflicts=True)` does not tell which rows were new, so a sweep counted the
rows it tried (three concurrent sweeps printed 2,169 against 723 written). This inserts with
ON CONFLICT DO NOTHING RETURNING, which PostgreSQL and SQLite (3.35+) both understand, and
returns the ids of the rows actually written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum

from django.db import connection, models
from django.db.models.options import Options


def insert_new(objs: Sequence[models.Model], batch_size: int = 500) -> list[int]:
    """Insert `objs` (all of one model with an automatic primary key), skipping those that
    conflict with a unique constraint; returns the primary keys of the rows inserted."""
    if not objs:
        return []
    meta = objs[0]._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    if connection.vendor == "postgresql" and len(objs) > batch_size:
        return _by_copy(objs, fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    inserted: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            batch = objs[start : start + batch_size]
            params = [
                f.get_db_prep_save(f.pre_save(obj, add=True), connection)
                for obj in batch
                for f in fields
            ]
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) "
                f"VALUES {', '.join([row] * len(batch))} "
                f"ON CONFLICT DO NOTHING RETURNING {quote(meta.pk.column)}",
                params,
            )
            inserted += [pk for (pk,) in cursor.fetchall()]
    return inserted


def insert_values(
    model: type[models.Model], names: Sequence[str], rows: Sequence[tuple]
) -> list[int]:
    """Insert rows given as tuples of the named fields' values (attnames, ready for the
    database: ids, strings, dates), the other fields taking their defaults, skipping conflicts
    as insert_new does; returns the primary keys of the rows inserted.

    A sweep over a million actions writes some 600,000 rows: a model instance per row, and
    every field of it prepared one by one, cost more than PostgreSQL took to store them. Here the
    defaults (auto_now_add too) are worked out once, from one instance."""
    if not rows:
        return []
    if connection.vendor != "postgresql" or len(rows) <= 500:
        return insert_new([model(**dict(zip(names, row, strict=True))) for row in rows])
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    first = model(**dict(zip(names, rows[0], strict=True)))
    defaults = [f.get_db_prep_save(f.pre_save(first, add=True), connection) for f in fields]
    where = {name: n for n, name in enumerate(names)}
    picks = [(n, where.get(f.attname)) for n, f in enumerate(fields)]
    given = [(n, at) for n, at in picks if at is not None]
    if len(given) != len(names):
        raise ValueError(f"{model.__name__} has no field among {names}")

    def values(row: tuple) -> list:
        out = list(defaults)
        for n, at in given:
            value = row[at]
            # Choices are enums: psycopg would write a member's name, not its value.
            out[n] = value.value if isinstance(value, Enum) else value
        return out

    return _copy(meta, fields, (values(row) for row in rows))


def _by_copy(objs: Sequence[models.Model], fields: list) -> list[int]:
    """Many instances: their fields prepared one by one, then _copy."""
    return _copy(
        objs[0]._meta,
        fields,
        (
            [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]
            for obj in objs
        ),
    )


def _copy(meta: Options, fields: list, rows: Iterable[list]) -> list[int]:
    """COPY the rows into a temporary table and insert from it in one statement, with the same
    ON CONFLICT DO NOTHING. 500-row INSERTs with every value bound took most of a minute for a
    London sweep's rows."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    table = quote(meta.db_table)
    staging = quote(f"new_{meta.db_table}")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {staging}")
        cursor.execute(f"CREATE TEMPORARY TABLE {staging} AS SELECT {columns} FROM {table} LIMIT 0")
        with cursor.cursor.copy(f"COPY {staging} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging} "
            f"ON CONFLICT DO NOTHING RETURNING {quote(meta.pk.column)}"
        )
        inserted = [pk for (pk,) in cursor.fetchall()]
        cursor.execute(f"DROP TABLE {staging}")
    return inserted
