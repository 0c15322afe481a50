"""The clerk's decision on a question from the public."""

from __future__ import annotations

from typing import Any

from django import forms

from core.fields import TextField
from core.forms import choice_field, form_helper

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
    # Plain choices read once for the whole queue (a model choice field queries per form).
    item = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="Item (if accepted)"
    )
    into = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="Question to merge it into (if merged)"
    )
    reason = TextField(
        limit=500,
        required=False,
        label="Reason (if declined)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args, items: list[AgendaItem], accepted: list[PublicQuestion], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = {item.pk: item for item in items}
        self.accepted = {question.pk: question for question in accepted}
        choice_field(self, "item").choices = [("", "Choose an item")] + [
            (item.pk, item.title) for item in items
        ]
        choice_field(self, "into").choices = [("", "Choose a question")] + [
            (q.pk, f"{q.asked_by}: {q.question[:80]}") for q in accepted
        ]
        # The queue shows one form per question, each with its own ids (auto_id): its button too.
        button_id = self.auto_id % "submit" if isinstance(self.auto_id, str) else ""
        self.helper = form_helper(
            "decision", "item", "into", "reason", submit="Save the decision", button_id=button_id
        )

    def clean(self) -> dict[str, Any]:
        """Each decision needs its own detail."""
        data = super().clean() or {}
        needs = {"accept": ("item", "Choose the item"), "merge": ("into", "Choose the question")}
        needs["decline"] = ("reason", "Give the reason the asker will be told")
        data["item"] = self.items.get(data.get("item") or 0)
        data["into"] = self.accepted.get(data.get("into") or 0)
        decision = data.get("decision")
        if decision in needs:
            field, message = needs[decision]
            if not data.get(field):
                self.add_error(field, message)
        return data
