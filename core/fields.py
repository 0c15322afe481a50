"""Form fields with the bounds DESIGN section 7 asks of every input: a stated limit on each text
(shown as a hint, enforced with a clear message), sensible dates, and hidden numbers checked
like visible ones. Every form of the product builds its fields from these."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator

from .widgets import DateInput

# The limits the product states, by kind of text.
TITLE_LIMIT = 200
SHORT_LIMIT = 300
TEXT_LIMIT = 2_000
LONG_LIMIT = 10_000
# PostgreSQL's integer (PositiveIntegerField) and bigint (BigAutoField ids).
MAX_INT = 2**31 - 1
MAX_ID = 2**63 - 1
# Meetings, deadlines and reporting periods of a partnership fall within these years.
MIN_DATE = date(2000, 1, 1)
MAX_DATE = date(2100, 12, 31)


def limit_hint(limit: int) -> str:
    """The hint that states a text's limit ("Up to 2,000 characters.")."""
    return f"Up to {limit:,} characters."


def _with_hint(help_text: str, hint: str) -> str:
    return f"{help_text} {hint}".strip() if help_text else hint


class TextField(forms.CharField):
    """Free text with a stated limit: the hint says it, the form enforces it with a message.

    The browser is not given `maxlength`: it would cut a pasted text silently, where the form
    refuses it with a message and gives the whole text back to be shortened.
    """

    def __init__(self, *, limit: int, help_text: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault(
            "max_length",
            f"Shorten this to {limit:,} characters or fewer "
            "(it has %(show_value)d). Your text is kept below.",
        )
        super().__init__(
            max_length=limit, help_text=_with_hint(help_text, limit_hint(limit)), **kwargs
        )

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        """The widget's attributes, without `maxlength` (see the class docstring)."""
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


def refuse_line_breaks(value: str) -> None:
    """A one-line text (a title, a name) may not hold line breaks: calendars and file names
    carry it, and a line break there starts a new line of the file."""
    if any(char in value for char in "\r\n\v\f\x85\u2028\u2029"):
        raise ValidationError("This must be one line: remove the line breaks.", code="line_break")


class LineField(TextField):
    """A one-line text with a stated limit (titles, names, places)."""

    default_validators = [refuse_line_breaks]


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


class BoundedDateField(forms.DateField):
    """A date between 1 January 2000 and 31 December 2100, refused with a clear message
    outside them (a year 1 or 9999 is a typing slip, and breaks date arithmetic downstream)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", DateInput())
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("invalid", "Enter a real date, like 27 3 2027")
        between = f"Enter a date between {_long(MIN_DATE)} and {_long(MAX_DATE)}"
        kwargs["error_messages"].setdefault("min_value", between)
        kwargs["error_messages"].setdefault("max_value", between)
        super().__init__(**kwargs)
        self.validators += [MinValueValidator(MIN_DATE), MaxValueValidator(MAX_DATE)]

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        """The browser's date picker offers only the allowed years."""
        attrs = super().widget_attrs(widget)
        attrs.update(min=MIN_DATE.isoformat(), max=MAX_DATE.isoformat())
        return attrs


class HiddenNumberField(forms.IntegerField):
    """A hidden whole number (a revision, an id): validated like a visible one, with a bound the
    database can hold, so a forged value is a message rather than an overflow."""

    widget = forms.HiddenInput

    def __init__(self, *, min_value: int = 0, max_value: int = MAX_INT, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {})
        damaged = "This page was damaged or out of date: reload it and try again."
        for code in ("invalid", "min_value", "max_value", "required"):
            kwargs["error_messages"].setdefault(code, damaged)
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class HiddenErrorsShown(forms.Form):
    """A form whose hidden fields' errors are shown: a person cannot see or fix a hidden field,
    so its error joins the form's own errors (the error summary) instead of vanishing."""

    def clean(self) -> dict[str, Any]:
        """Move each hidden field's errors to the form's own."""
        data = super().clean() or self.cleaned_data
        errors = self.errors
        for name, field in self.fields.items():
            if field.widget.is_hidden and name in errors:
                for message in errors.pop(name):
                    if message not in self.non_field_errors():
                        self.add_error(None, message)
        return data
