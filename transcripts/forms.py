"""The review page's forms: the upload, and the decision on one draft."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms

from agencies.models import Agency, User
from core.fields import SHORT_LIMIT, TITLE_LIMIT, LineField, TextField
from core.forms import form_helper
from core.widgets import PersonSelect
from meetings.models import AgendaItem

from .models import DraftAction

# A transcript larger than this is not a meeting's transcript.
MAX_BYTES = 5 * 1024 * 1024
SUFFIXES = (".txt", ".docx", ".vtt", ".srt")


class UploadForm(forms.Form):
    """A transcript file: plain text, Word, or WebVTT / SubRip captions."""

    upload = forms.FileField(
        label="Transcript",
        help_text="A .txt, .docx, .vtt or .srt file, smaller than 5 MB, with speaker labels "
        "such as “Jenny Jones AM:”.",
        error_messages={
            "required": "Choose a transcript file to upload",
            "empty": "The file is empty.",
            "invalid": "Choose a transcript file to upload",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper("upload", submit="Upload and read the transcript")

    def clean_upload(self) -> Any:
        """Refuse other kinds of file and large ones before anything is kept."""
        upload = self.cleaned_data["upload"]
        if not str(upload.name).casefold().endswith(SUFFIXES):
            raise forms.ValidationError("Upload a .txt, .docx, .vtt or .srt file.")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 5 MB.")
        return upload


class AcceptForm(forms.Form):
    """The action as the reviewer words it: wording, owning agency, owner, item, due."""

    wording = TextField(limit=SHORT_LIMIT, label="Action", widget=forms.Textarea(attrs={"rows": 2}))
    owning_agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label="Owning agency",
        error_messages={"required": "Choose the agency that owns this action"},
    )
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Owner", widget=PersonSelect
    )
    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label="Agenda item"
    )
    due_text = LineField(limit=TITLE_LIMIT, required=False, label="Due")

    def __init__(self, *args: Any, draft: DraftAction, items: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "wording": draft.wording,
                "owning_agency": draft.agency_id,
                "owner": draft.person_id,
                "due_text": draft.due,
            },
        )
        kwargs.setdefault("prefix", f"d{draft.pk}")
        super().__init__(*args, **kwargs)
        agency = self.fields["owning_agency"]
        owner = self.fields["owner"]
        item = self.fields["agenda_item"]
        assert isinstance(agency, forms.ModelChoiceField)
        assert isinstance(owner, forms.ModelChoiceField)
        assert isinstance(item, forms.ModelChoiceField)
        agency.queryset = Agency.objects.order_by("name")
        owner.queryset = User.objects.filter(is_active=True, memberships__isnull=False).distinct()
        item.queryset = items
        self.helper = _fields_only()


class MergeForm(forms.Form):
    """Which draft of the same meeting this one restates."""

    into = forms.ModelChoiceField(
        queryset=DraftAction.objects.none(),
        label="Merge into",
        error_messages={"required": "Choose the draft this one restates"},
    )

    def __init__(self, *args: Any, draft: DraftAction, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"m{draft.pk}")
        super().__init__(*args, **kwargs)
        into = self.fields["into"]
        assert isinstance(into, forms.ModelChoiceField)
        into.queryset = (
            DraftAction.objects.filter(meeting_id=draft.meeting_id)
            .exclude(pk=draft.pk)
            .exclude(state__in=[DraftAction.State.REJECTED, DraftAction.State.MERGED])
        )
        self.helper = _fields_only()


def _fields_only() -> FormHelper:
    """The fields without a button: each draft's form has its own, with ids of its own."""
    helper = FormHelper()
    helper.form_tag = False
    helper.label_size = Size.SMALL
    return helper
