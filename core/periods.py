"""A period of days to read a log or statistics over (both days included)."""

from __future__ import annotations

from typing import Any

from django import forms

from .fields import BoundedDateField

# Ten years and a leap day or two: the longest period any page reads.
LONGEST_DAYS = 3660


class PeriodForm(forms.Form):
    """From and to dates, running forwards, at most ten years apart."""

    start = BoundedDateField(
        label="From",
        error_messages={"required": "Enter the first date", "invalid": "Enter a real date"},
    )
    end = BoundedDateField(
        label="To",
        error_messages={"required": "Enter the last date", "invalid": "Enter a real date"},
    )

    def clean(self) -> dict[str, Any]:
        """The period runs forwards and is at most ten years long."""
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The last date must be on or after the first date")
            elif (end - start).days > LONGEST_DAYS:
                self.add_error("end", "Choose a period of ten years or less")
        return data
