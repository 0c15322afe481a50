"""Forms for recording, assigning and updating actions, laid out with the GOV.UK Design System."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from agencies.models import Agency, Membership, User
from core.fields import (
    LONG_LIMIT,
    MAX_ID,
    TEXT_LIMIT,
    TITLE_LIMIT,
    BoundedDateField,
    LineField,
    TextField,
)
from core.forms import choice_field, form_helper, model_choice_field
from core.widgets import PersonSelect
from meetings.models import Committee
from meetings.selectors import AgendaRow

from . import services
from .models import Action
from .new_owner import NewOwnerForm

S = Action.Status
# How a move reads as a choice: the plain status name, except where the move means more.
MOVE_LABELS: dict[str, str] = {
    S.OPEN: "Open (reinstate it)",
    S.IN_PROGRESS: "In progress",
    S.ONGOING: "Ongoing",
    S.COMPLETED: "Completed",
    S.CLOSED: "Closed (accepted as done)",
    S.DROPPED: "Dropped (no longer needed)",
    S.NOT_POSSIBLE: "Not possible (change in circumstances)",
}


def committee_agencies(committee: Committee) -> QuerySet[Agency]:
    """The agencies that may own a committee's actions: its host and its member agencies."""
    ids = [committee.host_id, *committee.member_agencies.values_list("id", flat=True)]
    return Agency.objects.filter(id__in=ids).order_by("name")


def _people_choices(agencies: QuerySet[Agency]) -> list:
    """People grouped by agency, for a select with one group per agency."""
    memberships = (
        Membership.objects.filter(agency__in=agencies)
        .select_related("user", "agency")
        .order_by("agency__name", "user__full_name")
    )
    groups: dict[str, list[tuple[int, str]]] = {}
    for membership in memberships:
        label = membership.user.full_name or membership.user.email
        if membership.role != Membership.Role.MEMBER:
            label += f" ({membership.get_role_display().lower()})"
        groups.setdefault(membership.agency.name, []).append((membership.user_id, label))
    return list(groups.items())


class PersonField(forms.TypedChoiceField):
    """A person chosen from a grouped list; cleans to the User (or None)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(coerce=int, empty_value=None, **kwargs)

    def clean(self, value) -> User | None:
        """The chosen person, who must be one of the listed people."""
        pk = super().clean(value)
        return None if pk is None else User.objects.get(pk=pk)


class OriginForm(forms.Form):
    """Where an action is recorded from, as the query string gives it: ids and a committee's
    short name, validated here rather than parsed by hand."""

    meeting = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    item = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    committee = forms.SlugField(required=False, max_length=100)


class ActionForm(NewOwnerForm):
    """Record an action: what, who by, by when, and where it came from."""

    field_order = ["description", "agenda_item", "source", "owning_agency", "owner"]

    description = TextField(
        limit=TEXT_LIMIT,
        label="What was agreed",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what was agreed"},
    )
    agenda_item = forms.TypedChoiceField(
        label="Agenda item it came from",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose an item of this meeting's agenda"},
    )
    source = LineField(
        label="Source",
        limit=TITLE_LIMIT,
        required=False,
        help_text="When it is not from a meeting, e.g. \u201cKeeping London\u2019s Children Safe, "
        "recommendation 3\u201d.",
    )
    owning_agency = forms.ModelChoiceField(
        label="Owning agency",
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        error_messages={
            "required": "Choose an agency to own the action",
            "invalid_choice": "Choose an agency of this committee from the list",
        },
    )
    owner = PersonField(
        label="Owner",
        required=False,
        widget=PersonSelect,
        help_text="Optional. Leave it unassigned and the agency\u2019s lead will assign it.",
        error_messages={"invalid_choice": "Choose a person from the list"},
    )
    co_agencies = forms.ModelMultipleChoiceField(
        label="Co-owning agencies",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose co-owning agencies of this committee"},
    )
    due_date = BoundedDateField(
        label="Due date",
        required=False,
        help_text="Optional. A date in the past is allowed: the action is then already overdue.",
        error_messages={"invalid": "Enter a real date"},
    )
    # Set by the form shown again with "this due date is in the past: save anyway?".
    past_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    due_text = LineField(
        label="Deadline as promised",
        limit=100,
        required=False,
        help_text="Optional, e.g. \u201cBy January 2015\u201d or \u201cwithin 12 months\u201d.",
    )

    def __init__(
        self, *args, committee: Committee, items: list[AgendaRow] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        agencies = committee_agencies(committee)
        model_choice_field(self, "owning_agency").queryset = agencies
        model_choice_field(self, "co_agencies").queryset = agencies
        choice_field(self, "owner").choices = [("", "Unassigned"), *_people_choices(agencies)]
        fields: list = ["description"]
        if items is None:
            self.fields.pop("agenda_item")
        else:
            choice_field(self, "agenda_item").choices = [
                ("", "Not from a particular item"),
                *((row.id, f"{row.number}. {row.label}") for row in items),
            ]
            fields.append("agenda_item")
        fields += [
            "source",
            "owning_agency",
            "owner",
            "new_owner_name",
            "new_owner_email",
            Field.checkboxes("co_agencies", small=True),
            "due_date",
            "due_text",
            "past_confirmed",
        ]
        self.helper = form_helper(
            *fields, submit="Record the action", legend_size=Size.SMALL, name_from_label=True
        )

    def asks_past_due(self) -> bool:
        """Whether a valid new action is due before today and the person has not yet said
        "save anyway"; the form then carries that answer with everything typed."""
        due = self.cleaned_data.get("due_date")
        if due is None or due >= timezone.localdate() or self.cleaned_data.get("past_confirmed"):
            return False
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict, shown again
        data[self.add_prefix("past_confirmed")] = "True"
        self.data = data
        return True

    def clean(self) -> dict:
        """The owner must belong to the owning agency, which is not also a co-owner."""
        super().clean()
        data = self.cleaned_data
        agency, owner = data.get("owning_agency"), data.get("owner")
        self.check_new_owner()
        if (
            agency is not None
            and owner is not None
            and not Membership.objects.filter(user=owner, agency=agency).exists()
        ):
            self.add_error(
                "owner",
                f"{owner} is not in {agency.name}. Choose someone from the owning agency "
                "or leave it unassigned.",
            )
        if agency is not None and data.get("co_agencies") is not None:
            data["co_agencies"] = [a for a in data["co_agencies"] if a.pk != agency.pk]
        return data


class AssignForm(NewOwnerForm):
    """Give an action to a person of its owning agency (an officer may add them as a new
    colleague), or take it back."""

    owner = PersonField(
        label="Assign to",
        required=False,
        widget=PersonSelect,
        error_messages={"invalid_choice": "Choose a person of the owning agency from the list"},
    )

    def __init__(self, *args, action: Action, may_add: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        agency = Agency.objects.filter(pk=action.owning_agency_id)
        choice_field(self, "owner").choices = [("", "Unassigned"), *_people_choices(agency)]
        self.fields["owner"].help_text = f"People of {action.owning_agency.name}."
        self.order_fields(["owner"])
        if not may_add:
            self.drop_new_owner()
        self.helper = form_helper(
            *self.fields, submit="Save the owner", legend_size=Size.SMALL, name_from_label=True
        )

    def clean(self) -> dict:
        """Someone new, or a person from the list, not both."""
        super().clean()
        self.check_new_owner(current=self.action.owner)
        return self.cleaned_data


class MoveField(forms.ChoiceField):
    """A status choice that knows every status, so that a move the person may not make gets
    a clear message from the form rather than "not one of the available choices"."""

    def valid_value(self, value) -> bool:
        """Any status (or no change) is understood; whether it is allowed is checked later."""
        return value in ("", *S.values)


class UpdateForm(forms.Form):
    """A progress note, a status change the person may make, and evidence."""

    note = TextField(
        limit=LONG_LIMIT,
        label="Progress note",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    status = MoveField(label="Status", required=False, widget=forms.RadioSelect)
    evidence = forms.FileField(
        label="Evidence (optional)",
        required=False,
        help_text="The letter or report that answers the action: "
        f"{', '.join(e.upper() for e in services.EVIDENCE_EXTENSIONS)}, up to 20 MB.",
    )

    def __init__(self, *args, action: Action, moves: set[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        self.moves = moves
        ordered = [value for value in S.values if value in moves]
        labels = dict(MOVE_LABELS)
        if action.status in (S.COMPLETED, S.CLOSED):
            labels[S.IN_PROGRESS] = "In progress (reopen it)"
        choice_field(self, "status").choices = [
            ("", f"Keep it {action.get_status_display().lower()}"),
            *((value, labels[value]) for value in ordered),
        ]
        self.fields["status"].initial = ""
        fields = ["note"]
        # Without moves to offer the field is not shown, but a posted status is still checked so
        # that a stale or forged move is refused with a message instead of being ignored.
        if ordered:
            fields.append(Field.radios("status", small=True))
        fields.append("evidence")
        self.helper = form_helper(
            *fields, submit="Save the update", legend_size=Size.SMALL, name_from_label=True
        )

    def clean_status(self) -> str:
        """Only a move this person may make from the action's status now."""
        status = self.cleaned_data.get("status") or ""
        if status and status != self.action.status and status not in self.moves:
            current = self.action.get_status_display().lower()
            raise forms.ValidationError(
                f"This action is {current}, so you cannot mark it {S(status).label.lower()}."
                + (" Only the chair or secretariat can reopen it." if current == "closed" else "")
            )
        return status

    def clean_evidence(self):
        """Refuse an oversized, empty or unexpected file before anything is saved."""
        upload = self.cleaned_data.get("evidence")
        if upload:
            try:
                services.check_evidence(upload)
            except forms.ValidationError as error:
                raise forms.ValidationError(error.message_dict["evidence"]) from None
        return upload

    def clean(self) -> dict:
        """Something must be recorded."""
        super().clean()
        data = self.cleaned_data
        if not self.errors and not (
            (data.get("note") or "").strip()
            or data.get("evidence")
            or (data.get("status") and data["status"] != self.action.status)
        ):
            self.add_error("note", "Write a note, change the status or attach evidence")
        return data
