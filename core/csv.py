"""CSV downloads that a spreadsheet opens as text, never as formulas (CSV injection).

Every CSV the product serves is a `FormulaSafeCSV`: free text typed by a partner (an action's
description, a person's or agency's name) must not run as `=HYPERLINK(...)` in whoever opens it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

# OWASP's list: a spreadsheet reads a cell starting with any of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value, with a text that would start a formula prefixed by a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class FormulaSafeCSV(HttpResponse):
    """A CSV attachment whose rows go through `safe_cell`, cell by cell."""

    def __init__(self, filename: str, header: Sequence[str]) -> None:
        super().__init__(content_type="text/csv; charset=utf-8")
        self["Content-Disposition"] = f'attachment; filename="{filename}"'
        self._writer = csv.writer(self)
        self.writerow(header)

    def writerow(self, row: Iterable[object]) -> None:
        """Write one row, every text cell made safe."""
        self._writer.writerow([safe_cell(value) for value in row])
