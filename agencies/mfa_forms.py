"""The one form of the second-factor pages: a code from the authenticator app or a backup code."""

from __future__ import annotations

from crispy_forms_gds.layout import Field
from django import forms

from core.forms import form_helper

# A backup code is 8 characters, an authenticator's code 6 digits; room for spaces typed.
CODE_LIMIT = 20


class CodeForm(forms.Form):
    """Enter a six-digit code (or, where allowed, a backup code)."""

    # A code, not free text: its shape is checked rather than a limit stated.
    code = forms.RegexField(
        label="Code",
        regex=r"^[0-9A-Za-z -]*$",
        max_length=CODE_LIMIT,
        error_messages={
            "required": "Enter the code",
            "invalid": "Enter the code as it is shown: letters and numbers",
            "max_length": f"A code has at most {CODE_LIMIT} characters",
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args, hint: str, submit: str = "Continue", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = hint
        self.helper = form_helper(Field.text("code", field_width=10), submit=submit, label_size="")
