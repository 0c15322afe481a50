"""The import page's forms: the upload, and the confirmation of a previewed import."""

from __future__ import annotations

from django import forms

from core.forms import form_helper

from .reading import MAX_BYTES, MAX_ROWS


class UploadForm(forms.Form):
    """A CSV or XLSX action log."""

    upload = forms.FileField(
        label="Action log",
        help_text=f"A CSV or XLSX file, smaller than {MAX_BYTES // (1024 * 1024)} MB and with "
        f"at most {MAX_ROWS:,} rows, column names in row 1.",
        error_messages={
            "required": "Choose a CSV or XLSX file to upload",
            "empty": "The file is empty.",
            "invalid": "Choose a CSV or XLSX file to upload",
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper("upload", submit="Preview the import")


class ConfirmForm(forms.Form):
    """The previewed import, by its token (the file stays on the server)."""

    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", max_length=32, widget=forms.HiddenInput)
    skip_invalid = forms.BooleanField(required=False, widget=forms.HiddenInput)
