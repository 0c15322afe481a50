"""The audit log's filter form (a GET form laid out with the GOV.UK Design System)."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout, Size
from django import forms
from django.db.models import Model, QuerySet

# A bigint id (audit imports no app, not even core).
MAX_ID = 2**63 - 1


class LogFilterForm(forms.Form):
    """Narrow the log to one committee, or to the reads of one agency's people.

    The committees and agencies offered are the caller's (audit imports no app).
    """

    committee: forms.ModelChoiceField[Model] = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="All committees",
        to_field_name="short_name",
        error_messages={"invalid_choice": "Choose one of the committees in the list"},
    )
    agency: forms.ModelChoiceField[Model] = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="All agencies",
        label="Read by people of",
        to_field_name="short_name",
        error_messages={"invalid_choice": "Choose one of the agencies in the list"},
    )

    # The item whose reads are shown, from a link on the page: a hidden id checked like any.
    item = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        widget=forms.HiddenInput,
        error_messages={"invalid": "The item in the address is not an id"},
    )

    def __init__(self, *args, committees: QuerySet, agencies: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("committee", committees), ("agency", agencies)):
            field = self.fields[name]
            if not isinstance(field, forms.ModelChoiceField):
                raise TypeError(f"LogFilterForm.{name} is not a model choice field")
            field.queryset = queryset
        helper = FormHelper()
        helper.form_tag = False
        helper.form_method = "get"
        helper.label_size = Size.SMALL
        helper.layout = Layout("committee", "agency", Button("submit", "Show"))
        self.helper = helper
