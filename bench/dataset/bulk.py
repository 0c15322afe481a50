"""Writing rows in bulk with the times we give them, and the dates and times they use."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from bench.dataset.constants import BATCH, LONDON


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
    created = model.objects.bulk_create(rows, batch_size=BATCH)
    name = model._meta.db_table
    counts[name] = counts.get(name, 0) + len(created)
    return created


def _at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
