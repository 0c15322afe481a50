"""CSV downloads that a spreadsheet opens as text, never as formulas (CSV injection).

Every CSV the product serves is a `FormulaSafeCSV`: free text typed by a partner (an action's
description, a person's or agency's name) must not run as `=HYPERLINK(...)` in whoever opens it.
Each says how it is marked (core.marking): one whose rows carry restricted content starts with
the OFFICIAL-SENSITIVE line and its handling words, before the header.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from .marking import Marking

# OWASP's list: a spreadsheet reads a cell starting with any of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value, with a text that would start a formula prefixed by a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class FormulaSafeCSV(HttpResponse):
    """A CSV attachment whose rows go through `safe_cell`, cell by cell, marked on its first
    line when it carries restricted content."""

    def __init__(self, filename: str, header: Sequence[str], *, marking: Marking) -> None:
        if not isinstance(marking, Marking):
            raise TypeError("FormulaSafeCSV needs the download's marking (core.marking.Marking)")
        super().__init__(content_type="text/csv; charset=utf-8")
        self["Content-Disposition"] = f'attachment; filename="{filename}"'
        self._writer = csv.writer(self)
        if marking.sensitive:
            self.writerow([marking.line])
        self.writerow(header)

    def writerow(self, row: Iterable[object]) -> None:
        """Write one row, every text cell made safe."""
        self._writer.writerow([safe_cell(value) for value in row])
