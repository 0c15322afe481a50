"""Forms for minutes, laid out with the GOV.UK Design System."""

from __future__ import annotations

from django import forms

from core.fields import MAX_ID, TEXT_LIMIT, HiddenErrorsShown, HiddenNumberField, TextField
from core.forms import choice_field, form_helper

from .models import split_paragraphs


class MinuteForm(HiddenErrorsShown):
    """One item's minute: its narrative and its resolutions."""

    revision = HiddenNumberField()
    narrative = TextField(
        label="What was said",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        limit=50_000,
        help_text="Leave a blank line between paragraphs; each paragraph is numbered (5.1, 5.2).",
    )
    resolutions = TextField(
        label="Resolved",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        limit=20_000,
        help_text="Each resolution starts “That …”. Leave a blank line between parts; several "
        "parts are lettered (a), (b), (c).",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper("revision", "narrative", "resolutions", submit="Save minute")

    def resolution_parts(self) -> list[str]:
        """The resolutions typed, one per paragraph."""
        return split_paragraphs(self.cleaned_data["resolutions"])


class AmendmentForm(MinuteForm):
    """A correction to an approved minute, with its reason."""

    reason = TextField(
        label="Why is the minute being amended?",
        widget=forms.Textarea(attrs={"rows": 3}),
        limit=TEXT_LIMIT,
        error_messages={"required": "Give the reason for the amendment"},
        help_text="For example “The year of the next meeting was misprinted.” This is recorded "
        "with your name and the text before and after.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            "revision", "narrative", "resolutions", "reason", submit="Record the amendment"
        )


class CommentForm(forms.Form):
    """A partner's comment on circulated minutes."""

    item = forms.TypedChoiceField(
        label="Which item is it about?", coerce=int, required=False, empty_value=None
    )
    text = TextField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        limit=5000,
        error_messages={"required": "Enter your comment"},
    )

    def __init__(self, *args, items: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "item").choices = [("", "The minutes as a whole"), *items]
        self.helper = form_helper("item", "text", submit="Send comment")


class ApproveForm(HiddenErrorsShown):
    """Which earlier minutes this meeting approves."""

    minutes = HiddenNumberField(min_value=1, max_value=MAX_ID)
