"""What an import says on the command line: columns used and not, each bad row, the counts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

from django.core.management.base import CommandError

from .reading import FileRefused, Table, read_table


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


def read_for_command(file: str) -> Table:
    """The table in FILE for a management command; a file that cannot be read or is refused
    stops the command with the reason."""
    path = Path(file)
    try:
        return read_table(path.read_bytes(), path.name)
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
    except FileRefused as error:
        raise CommandError(f"{path.name}: {error}") from error


def report_columns(
    write: Callable[[str], object], table: Table, columns: dict[str, int], unused: list[str],
    missing: list[str],
) -> None:  # fmt: skip
    """Write which columns were read and which not; stop when a needed column is missing."""
    for line in column_lines(table.headers, columns, unused):
        write(line)
    if missing:
        raise CommandError("The file has no column for " + " or ".join(missing) + ".")
