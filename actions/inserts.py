"""Bulk inserts that say what they inserted.

`bulk_create(ignore_conflicts=True)` does not tell which rows were new, so a sweep counted the
rows it tried (three concurrent sweeps printed 2,169 against 723 written). This inserts with
ON CONFLICT DO NOTHING RETURNING, which PostgreSQL and SQLite (3.35+) both understand, and
returns the ids (or the asked columns) of the rows actually written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.db.models.options import Options

# Rows per INSERT statement; more rows than this go through COPY on PostgreSQL.
BATCH = 500


def insert_new(objs: Sequence[models.Model], batch_size: int = BATCH) -> list[int]:
    """Insert `objs` (all of one model with an automatic primary key), skipping those that
    conflict with a unique constraint; returns the primary keys of the rows inserted."""
    if not objs:
        return []
    meta = objs[0]._meta
    fields = _fields(meta)
    rows = (
        [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields] for obj in objs
    )
    if connection.vendor == "postgresql" and len(objs) > batch_size:
        found = _copy(meta, fields, rows, [meta.pk.column])
    else:
        found = _insert(meta, fields, list(rows), [meta.pk.column], batch_size)
    return [pk for (pk,) in found]


def insert_values(
    model: type[models.Model], names: Sequence[str], rows: Sequence[tuple]
) -> list[int]:
    """Insert rows given as tuples of the named fields' values (attnames, ready for the
    database: ids, strings, dates), the other fields taking their defaults, skipping conflicts
    as insert_new does; returns the primary keys of the rows inserted."""
    return [pk for (pk,) in insert_returning(model, names, rows, ("id",))]


def insert_returning(
    model: type[models.Model], names: Sequence[str], rows: Sequence[tuple], returning: Sequence[str]
) -> list[tuple[Any, ...]]:
    """insert_values, giving back the `returning` fields (attnames) of each row inserted.

    A sweep over a million actions writes some 600,000 rows: a model instance per row, and
    every field of it prepared one by one, cost more than PostgreSQL took to store them. Here the
    defaults (auto_now_add too) are worked out once, from one instance."""
    if not rows:
        return []
    meta = model._meta
    fields = _fields(meta)
    first = model(**dict(zip(names, rows[0], strict=True)))
    defaults = [f.get_db_prep_save(f.pre_save(first, add=True), connection) for f in fields]
    where = {name: n for n, name in enumerate(names)}
    given = [(n, where[f.attname]) for n, f in enumerate(fields) if f.attname in where]
    if len(given) != len(names):
        raise ValueError(f"{model.__name__} has no field among {names}")
    columns = [_column(meta, name) for name in returning]
    if connection.vendor != "postgresql" or len(rows) <= BATCH:
        # Few rows, or SQLite: each value prepared by its field, as the ORM would.
        prepared = []
        for row in rows:
            out = list(defaults)
            for n, at in given:
                out[n] = fields[n].get_db_prep_save(row[at], connection)
            prepared.append(out)
        return _insert(meta, fields, prepared, columns, BATCH)

    def values(row: tuple) -> list:
        out = list(defaults)
        for n, at in given:
            value = row[at]
            # Choices are enums: psycopg would write a member's name, not its value.
            out[n] = value.value if isinstance(value, Enum) else value
        return out

    return _copy(meta, fields, (values(row) for row in rows), columns)


def _column(meta: Options, name: str) -> str:
    try:
        field = meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if not isinstance(field, models.Field) or field.column is None:
        raise ValueError(f"{meta.object_name} has no column {name}")
    return field.column


def _fields(meta: Options) -> list:
    return [f for f in meta.concrete_fields if not f.primary_key]


def _insert(
    meta: Options, fields: list, rows: list[list], returning: list[str], batch_size: int
) -> list[tuple[Any, ...]]:
    """Multi-row INSERTs of prepared values, `batch_size` rows a statement."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    back = ", ".join(quote(column) for column in returning)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    inserted: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) "
                f"VALUES {', '.join([row] * len(batch))} "
                f"ON CONFLICT DO NOTHING RETURNING {back}",
                [value for values in batch for value in values],
            )
            inserted += [tuple(found) for found in cursor.fetchall()]
    return inserted


def _copy(
    meta: Options, fields: list, rows: Iterable[list], returning: list[str]
) -> list[tuple[Any, ...]]:
    """COPY the rows into a temporary table and insert from it in one statement, with the same
    ON CONFLICT DO NOTHING. 500-row INSERTs with every value bound took most of a minute for a
    London sweep's rows."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    back = ", ".join(quote(column) for column in returning)
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
            f"ON CONFLICT DO NOTHING RETURNING {back}"
        )
        inserted = [tuple(found) for found in cursor.fetchall()]
        cursor.execute(f"DROP TABLE {staging}")
    return inserted
