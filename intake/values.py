"""Cells as partnerships write them: column names, UK dates, deadlines in words, status words.

Each reader returns the value or raises CellError with the reason shown next to the row.
"""

from __future__ import annotations

import calendar
import datetime
import re

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]

from core.fields import MAX_DATE, MIN_DATE

from .reading import Cell


class CellError(ValueError):
    """A cell that cannot be read; the message says why."""


def squash(text: str) -> str:
    """A name as compared: lower case, letters and digits only ("Action by:" → "actionby")."""
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def header_fields(headers: list[str], known: dict[str, tuple[str, ...]]) -> tuple[dict, list[str]]:
    """Which column holds each known field ({field: index}), and the headers not used."""
    spelled = {squash(v): name for name, variants in known.items() for v in (name, *variants)}
    fields: dict[str, int] = {}
    unused: list[str] = []
    for index, header in enumerate(headers):
        name = spelled.get(squash(header))
        if name is not None and name not in fields:
            fields[name] = index
        elif header:
            unused.append(header)
    return fields, unused


def text(cell: Cell) -> str:
    """A cell as the text typed (a whole number stays whole: 12.0 is "12")."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat() if cell.time() == datetime.time() else cell.isoformat()
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return str(cell).strip()


MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?$")
WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
MONTH_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{4})$")
WITHIN = re.compile(r"^within\s+(\d{1,3}|a|one|two|three|six|twelve)\s+(day|week|month|year)s?$")
SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "six": 6, "twelve": 12}
# Words around a deadline that do not change it: "by", "end of", "no later than".
LEADING = re.compile(r"^(?:by|before|no later than|not later than|due|deadline:?)\s+")
END_OF = re.compile(r"^(?:the\s+)?(?:end|close)\s+of\s+")


def _built(year: int, month: int, day: int, typed: str) -> datetime.date:
    if year < 100:
        year += 2000
    try:
        value = datetime.date(year, month, day)
    except ValueError as error:
        raise CellError(f"“{typed}” is not a real date.") from error
    if not MIN_DATE <= value <= MAX_DATE:
        raise CellError(f"“{typed}” is outside the years {MIN_DATE.year} to {MAX_DATE.year}.")
    return value


def strict_date(cell: Cell) -> datetime.date | None:
    """A date written as one (04/12/2014 is 4 December, 9 October 2014, 2014-10-09, a date
    cell), None for anything else; CellError for a date that does not exist (31/02/2015)."""
    if isinstance(cell, datetime.datetime):
        return _built(cell.year, cell.month, cell.day, text(cell))
    if isinstance(cell, datetime.date):
        return _built(cell.year, cell.month, cell.day, text(cell))
    typed = text(cell)
    lowered = " ".join(typed.casefold().split())
    if match := NUMERIC.match(lowered):
        return _built(int(match[3]), int(match[2]), int(match[1]), typed)
    if match := ISO.match(lowered):
        return _built(int(match[1]), int(match[2]), int(match[3]), typed)
    if (match := WORDS.match(lowered)) and match[2] in MONTHS:
        return _built(int(match[3]), MONTHS[match[2]], int(match[1]), typed)
    return None


def date_cell(cell: Cell) -> datetime.date | None:
    """A date column's value: a date, None when empty, CellError when not a date."""
    if not text(cell):
        return None
    value = strict_date(cell)
    if value is None:
        raise CellError(f"“{text(cell)}” is not a date: write it like 9/10/2014 or 9 October 2014.")
    return value


def deadline(cell: Cell, meeting: datetime.date | None) -> tuple[datetime.date | None, str]:
    """(due date, deadline as promised): a date as such; wording kept, with its date when one
    follows ("Jan 2015" → 31 January 2015, "within 12 months" of the meeting)."""
    typed = text(cell)
    if not typed:
        return None, ""
    exact = strict_date(cell)
    if exact is not None:
        return exact, ""
    lowered = " ".join(typed.casefold().split()).rstrip(".")
    lowered = END_OF.sub("", LEADING.sub("", lowered))
    exact = strict_date(lowered)
    if exact is not None:
        return exact, typed
    if (match := MONTH_YEAR.match(lowered)) and match[1] in MONTHS:
        year, month = int(match[2]), MONTHS[match[1]]
        last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 1
        return _built(year, month, last, typed), typed
    if (match := WITHIN.match(lowered)) and meeting is not None:
        count = SMALL.get(match[1]) or int(match[1])
        step = {
            "day": relativedelta(days=count),
            "week": relativedelta(weeks=count),
            "month": relativedelta(months=count),
            "year": relativedelta(years=count),
        }[match[2]]
        due = meeting + step
        return _built(due.year, due.month, due.day, typed), typed
    return None, typed
