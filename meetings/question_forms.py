"""The clerk's decision on a question from the public."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from core.fields import TextField
from core.forms import form_helper, model_choice_field

from .models import AgendaItem, PublicQuestion

DECISIONS = [
    ("accept", "Accept it: put it to the meeting under an item"),
    ("merge", "Merge it with a similar question already accepted"),
    ("decline", "Decline it, with a reason the asker is told"),
]


class DecideForm(forms.Form):
    """Accept (under an item), merge (into an accepted question) or decline (with a reason)."""

    decision = forms.ChoiceField(
        choices=DECISIONS,
        widget=forms.RadioSelect,
        label="What happens to it",
        error_messages={"required": "Choose what happens to the question"},
    )
    item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        required=False,
        label="Item (if accepted)",
        empty_label="Choose an item",
    )
    into = forms.ModelChoiceField(
        queryset=PublicQuestion.objects.none(),
        required=False,
        label="Question to merge it into (if merged)",
        empty_label="Choose a question",
    )
    reason = TextField(
        limit=500,
        required=False,
        label="Reason (if declined)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args, items: QuerySet[AgendaItem], accepted: QuerySet[PublicQuestion], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "item").queryset = items
        model_choice_field(self, "into").queryset = accepted
        self.helper = form_helper("decision", "item", "into", "reason", submit="Save the decision")

    def clean(self) -> dict[str, Any]:
        """Each decision needs its own detail."""
        data = super().clean() or {}
        needs = {"accept": ("item", "Choose the item"), "merge": ("into", "Choose the question")}
        needs["decline"] = ("reason", "Give the reason the asker will be told")
        decision = data.get("decision")
        if decision in needs:
            field, message = needs[decision]
            if not data.get(field):
                self.add_error(field, message)
        return data
