"""Writing rows in bulk with the times we give them, and the dates and times they use."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, models

from bench.dataset.constants import BATCH, LONDON

AUTO = (models.AutoField, models.BigAutoField)
# Fields whose Python value psycopg writes as it stands; others go through Django's prep.
PLAIN = (
    *AUTO,
    models.BooleanField,
    models.CharField,
    models.DateField,  # DateTimeField too
    models.ForeignKey,
    models.IntegerField,  # the small and positive ones too
    models.TextField,
)


@contextmanager
def own_timestamps(*models) -> Iterator[None]:
    """Let bulk_create keep the historical times we give instead of stamping now()."""
    fields = [
        f for model in models for f in model._meta.concrete_fields if hasattr(f, "auto_now_add")
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _bulk(model, rows: list, counts: dict[str, int]) -> list:
    """Write rows (model instances) in bulk: COPY on PostgreSQL, bulk_create elsewhere; the
    rows come back with their ids."""
    if connection.vendor == "postgresql" and isinstance(model._meta.pk, AUTO):
        return _copy(model, rows, counts)
    created = model.objects.bulk_create(rows, batch_size=BATCH)
    name = model._meta.db_table
    counts[name] = counts.get(name, 0) + len(created)
    return created


def _copy(model, rows: list, counts: dict[str, int]) -> list:
    """Write rows with PostgreSQL's COPY: a fifth of bulk_create's time in Python (20,000
    actions: 0.3 s against 1.5 s), which at a million rows is minutes. Ids are taken from the
    table's sequence first and set on the rows, which are returned."""
    if not rows:
        return rows
    meta = model._meta
    table, quote = meta.db_table, connection.ops.quote_name
    fields = meta.concrete_fields
    first = _reserve(model, len(rows))
    for offset, row in enumerate(rows):
        row.pk = first + offset
        row._state.adding, row._state.db = False, connection.alias
    plain = [
        (f.attname, isinstance(f, PLAIN) and not getattr(f, "auto_now_add", False)) for f in fields
    ]
    columns = ", ".join(quote(f.column) for f in fields)
    with _copy_into(table, columns) as copy:
        for row in rows:
            copy.write_row(
                [
                    getattr(row, attname)
                    if simple
                    else f.get_db_prep_save(f.pre_save(row, True), connection)
                    for (attname, simple), f in zip(plain, fields, strict=True)
                ]
            )
    counts[table] = counts.get(table, 0) + len(rows)
    return rows


@contextmanager
def _copy_into(table: str, columns: str) -> Iterator:
    """psycopg's COPY FROM STDIN into these columns, on Django's connection."""
    quote = connection.ops.quote_name
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy,
    ):
        yield copy


def _reserve(model, n: int) -> int:
    """Take n ids from the table's sequence; returns the first. One writer (the generator)
    owns the database, so the block is ours."""
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, meta.pk.column])
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s)", [sequence])
        first = cursor.fetchone()[0]
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + n - 1])
    return first


def _insert(model, rows: list[dict], counts: dict[str, int]) -> list[int]:
    """Write rows given as {attname: value}, the fields left out at their (constant) defaults,
    and return their ids. For the million-row tables: a model instance cost more than its
    write (Model.__init__ was over a third of the actions' CPU)."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        with own_timestamps(model):
            return [obj.pk for obj in _bulk(model, [model(**row) for row in rows], counts)]
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    defaults = [(f.attname, f.get_default()) for f in fields]
    first = _reserve(model, len(rows))
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in [meta.pk, *fields])
    with _copy_into(meta.db_table, columns) as copy:
        for pk, row in enumerate(rows, start=first):
            copy.write_row([pk, *[row.get(name, default) for name, default in defaults]])
    counts[meta.db_table] = counts.get(meta.db_table, 0) + len(rows)
    return list(range(first, first + len(rows)))


def _at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
