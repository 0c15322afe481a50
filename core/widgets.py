"""Date and time inputs that browsers can show.

A browser's `type=date` input accepts only `YYYY-MM-DD` and a `type=time` input only `HH:MM`;
Django otherwise renders the locale's first input format (`11/02/2027` in en-GB), which the
browser shows as a blank field and then posts back empty. Every date and time field in the
project uses these widgets, so a saved value is shown and saved again unchanged.
"""

from __future__ import annotations

from typing import Any

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_TIME = "%H:%M"


class DateInput(forms.DateInput):
    """A native date picker whose value is always rendered as `YYYY-MM-DD`."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)


class TimeInput(forms.TimeInput):
    """A native time picker whose value is always rendered as `HH:MM`."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_TIME)


class PersonSelect(forms.Select):
    """A select of people that static/js/pickers.js turns into a searchable field
    (accessible-autocomplete); without JavaScript it stays an ordinary select."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__(
            {"class": "govuk-select", "data-app-picker": "one", **(attrs or {})}, choices
        )


class PeopleSelectMultiple(forms.SelectMultiple):
    """A multiple select of people that static/js/pickers.js turns into a searchable field with
    the chosen people listed under it, each with a remove button; without JavaScript it stays
    a (taller) multiple select."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        base = {"class": "govuk-select", "data-app-picker": "many", "size": "8"}
        super().__init__({**base, **(attrs or {})}, choices)
