"""The form a member of the public sends a question with."""

from __future__ import annotations

from django import forms

from core.fields import LineField, TextField
from core.forms import form_helper

QUESTION_LIMIT = 1500


class AskForm(forms.Form):
    """A question for a meeting, with who sent it and their consent to its publication."""

    name = LineField(limit=200, label="Your name")
    email = forms.EmailField(
        max_length=254,
        label="Your email address",
        help_text="The clerk writes to you here about your question. It is not published.",
        error_messages={"required": "Enter your email address"},
    )
    organisation = LineField(limit=200, required=False, label="Organisation (optional)")
    question = TextField(
        limit=QUESTION_LIMIT,
        label="Your question",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter your question"},
    )
    consent = forms.BooleanField(
        label="I agree that my question and my name (and organisation) may be published with "
        "the agenda and the minutes",
        error_messages={"required": "Agree to its publication to send a question"},
    )
    # Left empty by people (it is hidden from them); filled by robots that fill every field.
    website = LineField(limit=200, required=False, label="Leave this empty")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.helper = form_helper(
            "name", "email", "organisation", "question", "consent", submit="Send your question"
        )
