"""What an import says on the command line: columns used and not, each bad row, the counts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from .reading import Table


class Planned(Protocol):
    """A planned row, as reported."""

    number: int
    outcome: str
    errors: list[tuple[str, str]]


def column_lines(headers: list[str], columns: dict[str, int], unused: list[str]) -> Iterator[str]:
    """Which column was read as what, and which were not used."""
    used = ", ".join(f"{headers[i]} ({Table.column_letter(i)})" for i in sorted(columns.values()))
    yield f"Columns used: {used or 'none'}."
    if unused:
        yield "Columns not used: " + ", ".join(f"“{h}”" for h in unused) + "."


def row_lines(rows: Iterable[Planned]) -> Iterator[str]:
    """One line per problem of each bad row: its spreadsheet row number, column and reason."""
    for row in rows:
        for column, message in row.errors:
            yield f"Row {row.number}, column {column}: {message}"
