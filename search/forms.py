"""The search box: a query of at most MAX_QUERY characters and, optionally, one kind."""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from core.fields import LineField

from .sources import SOURCES

MAX_QUERY = 200
# Characters a search cannot hold: controls (NUL among them), surrogates, private and unassigned.
REFUSED = frozenset({"Cc", "Cs", "Co", "Cn"})


def searchable(value: str) -> None:
    """Refuse characters nobody types into a search box (PostgreSQL refuses NUL outright)."""
    if any(unicodedata.category(c) in REFUSED and not c.isspace() for c in value):
        raise ValidationError(
            "The search contains characters that cannot be searched for: remove them.",
            code="characters",
        )


class SearchForm(forms.Form):
    """What to search for, and which kind of result to show."""

    q = LineField(
        limit=MAX_QUERY,
        label="Search",
        required=False,
        validators=[searchable],
        help_text="Words to find in committees, meetings, items, minutes, actions and papers.",
    )
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Everything")] + [(k, s.label) for k, s in SOURCES.items()],
        error_messages={"invalid_choice": "Choose a kind of result from the list."},
    )

    def clean_q(self) -> str:
        """The query with its spaces collapsed."""
        return " ".join(self.cleaned_data["q"].split())
