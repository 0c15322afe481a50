"""The form that edits an action: only the fields the person may edit are on it."""

from __future__ import annotations

import copy

from crispy_forms_gds.layout import Size
from django import forms
from django.utils import timezone

from agencies.models import Agency
from core.fields import HiddenErrorsShown, HiddenNumberField
from core.forms import form_helper
from core.widgets import PersonSelect

from .editing import EVERYTHING
from .forms import ActionForm, PersonField, _people_choices, committee_agencies
from .models import Action
from .new_owner import NewOwnerForm

# Same wording, limits and messages as when the action was recorded.
SHARED = ["description", "owning_agency", "due_date", "due_text"]


class ActionEditForm(HiddenErrorsShown, NewOwnerForm):
    """Edit wording, owning agency, owner (an officer may add them as a new colleague) and
    deadline, as the person may."""

    revision = HiddenNumberField()
    owner = PersonField(
        label="Owner",
        required=False,
        widget=PersonSelect,
        help_text="A person of the owning agency, or unassigned (the agency\u2019s lead assigns).",
        error_messages={"invalid_choice": "Choose a person from the list"},
    )
    # Set by the form shown again with "this due date is in the past: save anyway?".
    past_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args, action: Action, editable: set[str], may_add: bool = False, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        for name in SHARED:
            self.fields[name] = copy.deepcopy(ActionForm.base_fields[name])
        agencies = committee_agencies(action.committee)
        if "owning_agency" in editable:
            field = self.fields["owning_agency"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = agencies
            people_of = agencies
        else:
            people_of = Agency.objects.filter(pk=action.owning_agency_id)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.choices = [("", "Unassigned"), *_people_choices(people_of)]
        order = [
            "revision",
            "description",
            "owning_agency",
            "owner",
            "new_owner_name",
            "new_owner_email",
            "due_date",
            "due_text",
            "past_confirmed",
        ]
        for name in {str(f) for f in EVERYTHING} - set(editable):
            self.fields.pop(name, None)
        if not may_add or "owner" not in self.fields:
            self.drop_new_owner()
        self.order_fields(order)
        # The revision is written by the template: after a conflict it is the current one, so
        # that saving again (having looked) goes through.
        self.helper = form_helper(
            *(name for name in order[1:] if name in self.fields),
            submit="Save changes",
            legend_size=Size.SMALL,
        )

    @classmethod
    def initial_for(cls, action: Action) -> dict:
        """The form filled with the action as it stands."""
        return {
            "revision": action.revision,
            "description": action.description,
            "owning_agency": action.owning_agency_id,
            "owner": action.owner_id,
            "due_date": action.due_date,
            "due_text": action.due_text,
        }

    def clean(self) -> dict:
        """Someone new, or a person from the list, not both."""
        super().clean()
        self.check_new_owner(current=self.action.owner)
        return self.cleaned_data

    def asks_past_due(self) -> bool:
        """Whether a valid edit moves an outstanding action's due date before today and the
        person has not yet said "save anyway"; the form then carries that answer with
        everything typed."""
        due = self.cleaned_data.get("due_date")
        if (
            due is None
            or due == self.action.due_date
            or due >= timezone.localdate()
            or not self.action.is_outstanding
            or self.cleaned_data.get("past_confirmed")
        ):
            return False
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict, shown again
        data[self.add_prefix("past_confirmed")] = "True"
        self.data = data
        return True

    def changes(self) -> dict:
        """The cleaned values of the editable fields, for services.action_edit."""
        skipped = ("revision", "past_confirmed", "new_owner_name", "new_owner_email")
        return {k: v for k, v in self.cleaned_data.items() if k not in skipped}
