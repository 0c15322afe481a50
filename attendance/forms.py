"""Forms for attendance, laid out with the GOV.UK Design System."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from agencies.models import Agency, User
from core.fields import (
    SHORT_LIMIT,
    TEXT_LIMIT,
    HiddenNumberField,
    LineField,
    TextField,
)
from core.forms import choice_field, form_helper, model_choice_field
from core.periods import PeriodForm
from core.widgets import PersonSelect, TimeInput
from meetings.models import Committee, Meeting

from .models import Invitation
from .selectors import AttendanceRow

LONDON = ZoneInfo("Europe/London")
Status = Invitation.Status
RECORDABLE = [
    (Status.EXPECTED, "Expected (not recorded)"),
    (Status.PRESENT, "Present"),
    (Status.APOLOGIES, "Apologies"),
    (Status.ABSENT, "Absent"),
]
TIME_ERRORS = {"invalid": "Enter a time like 10:45"}


def _time_field(label: str, css: str = "") -> forms.TimeField:
    attrs = {"class": css} if css else {}
    return forms.TimeField(
        required=False,
        label=label,
        widget=TimeInput(attrs=attrs),
        error_messages=TIME_ERRORS,
    )


def on_meeting_day(meeting: Meeting, value: time | None) -> datetime | None:
    """A London wall-clock time on the meeting's date, as an aware datetime."""
    if value is None:
        return None
    day = timezone.localtime(meeting.starts_at, LONDON).date()
    return datetime.combine(day, value, tzinfo=LONDON)


def _local_time(value: datetime | None) -> time | None:
    return (
        timezone.localtime(value, LONDON).time().replace(second=0, microsecond=0) if value else None
    )


class RecordForm(forms.Form):
    """The attendance of every row the viewer may record, saved together or not at all."""

    def __init__(self, *args, meeting: Meeting, rows: list[AttendanceRow], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.rows = rows
        self.helper = FormHelper()  # rendered by hand in a table; the helper drives the summary
        self.helper.form_tag = False
        for row in rows:
            inv = row.invitation
            pk = inv.pk
            choices = (
                [(Status.SUBSTITUTE, f"Substitute for {inv.substitute_for.name}")]
                if inv.status == Status.SUBSTITUTE and inv.substitute_for is not None
                else [(Status.APOLOGIES, "Apologies (substitute recorded)")]
                if row.substituted_by
                else RECORDABLE
            )
            self.fields[f"status_{pk}"] = forms.ChoiceField(
                choices=choices,
                initial=inv.status,
                label=f"Attendance of {inv.name}",
                widget=forms.Select(attrs={"class": "govuk-select"}),
                error_messages={"invalid_choice": f"Choose an attendance for {inv.name}"},
            )
            css = "govuk-input govuk-input--width-10"
            self.fields[f"arrived_{pk}"] = _time_field(f"{inv.name} arrived late at", css)
            self.fields[f"left_{pk}"] = _time_field(f"{inv.name} left early at", css)
            self.fields[f"revision_{pk}"] = HiddenNumberField(initial=inv.revision)
            self.initial.setdefault(f"arrived_{pk}", _local_time(inv.arrived_at))
            self.initial.setdefault(f"left_{pk}", _local_time(inv.left_at))

    def clean(self) -> dict:
        """A damaged hidden revision can only mean a damaged page: say so where it shows."""
        super().clean()
        data = self.cleaned_data
        if any(name.startswith("revision_") for name in self.errors):
            raise forms.ValidationError("This page was damaged or out of date; reload it.")
        return data

    def fields_by_pk(self) -> dict[int, dict]:
        """Each row's bound fields by invitation id, for the table."""
        return {
            row.invitation.pk: {
                name: self[f"{name}_{row.invitation.pk}"]
                for name in ("status", "arrived", "left", "revision")
            }
            for row in self.rows
        }

    def changes(self) -> list[tuple[Invitation, dict]]:
        """The rows whose submitted attendance differs from what is stored."""
        out = []
        for row in self.rows:
            inv, pk = row.invitation, row.invitation.pk
            wanted = {
                "status": self.cleaned_data[f"status_{pk}"],
                "arrived_at": on_meeting_day(self.meeting, self.cleaned_data[f"arrived_{pk}"]),
                "left_at": on_meeting_day(self.meeting, self.cleaned_data[f"left_{pk}"]),
            }
            current = {"status": inv.status, "arrived_at": inv.arrived_at, "left_at": inv.left_at}
            if wanted != current:
                wanted["expected_revision"] = self.cleaned_data[f"revision_{pk}"]
                out.append((inv, wanted))
        return out


class SubstituteForm(forms.Form):
    """Someone attending in place of an invited person."""

    original = forms.TypedChoiceField(
        coerce=int,
        label="Substituting for",
        widget=PersonSelect,
        error_messages={"required": "Choose who they substitute for"},
    )
    person = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Substitute",
        widget=PersonSelect,
        error_messages={"required": "Choose the substitute", "invalid_choice": "Choose a person"},
    )
    arrived = _time_field("Arrived late at (optional)", "govuk-input govuk-input--width-10")
    left = _time_field("Left early at (optional)", "govuk-input govuk-input--width-10")

    def __init__(self, *args, rows: list[AttendanceRow], people: QuerySet[User], **kwargs) -> None:
        kwargs["prefix"] = "sub"
        super().__init__(*args, **kwargs)
        choice_field(self, "original").choices = [("", "Choose a person")] + [
            (row.invitation.pk, f"{row.invitation.name} ({row.invitation.agency or 'no agency'})")
            for row in rows
        ]
        model_choice_field(self, "person").queryset = people
        self.helper = form_helper(
            "original", "person", "arrived", "left", submit="Record substitute"
        )


class ApologiesForm(forms.Form):
    """A person's own apologies, sent ahead."""

    note = LineField(
        limit=SHORT_LIMIT,
        required=False,
        label="Reason (optional)",
        help_text="Shown to the clerk.",
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs["prefix"] = "apologies"
        super().__init__(*args, **kwargs)
        self.helper = form_helper("note", submit="Send my apologies")


class InviteForm(forms.Form):
    """Invite one person, or an anonymous guest by pseudonym."""

    person = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=PersonSelect,
        help_text="Type a name to find someone.",
        error_messages={"invalid_choice": "Choose a person from the list"},
    )
    new_name = LineField(
        limit=150,
        required=False,
        label="Or add someone new: full name",
        help_text="Not in the list? Give their name and email: they get a link to choose a "
        "password and sign in.",
    )
    new_email = forms.EmailField(
        max_length=254,
        required=False,
        label="Their email address",
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )
    pseudonym = LineField(
        limit=100,
        required=False,
        help_text="Only for a guest who must stay anonymous (a survivor or witness): leave the "
        "person empty. Never linked to an account.",
    )
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.order_by("name"),
        required=False,
        help_text="The agency they attend for. Members must have one.",
    )
    capacity = forms.ChoiceField(
        choices=Invitation.Capacity.choices, initial=Invitation.Capacity.GUEST
    )
    agenda_item = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        label="For one item or part only",
        help_text="For a guest on a panel: leave as the whole meeting otherwise.",
    )
    note = LineField(limit=SHORT_LIMIT, required=False)

    def __init__(self, *args, items: dict[int, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = User.objects.filter(is_active=True).order_by("full_name")
        model_choice_field(self, "person").queryset = people
        choice_field(self, "agenda_item").choices = [("", "The whole meeting"), *items.items()]
        self.helper = form_helper(
            "person",
            "new_name",
            "new_email",
            "pseudonym",
            "agency",
            "capacity",
            "agenda_item",
            "note",
            submit="Invite",
        )

    @property
    def adds_new_person(self) -> bool:
        """Whether the form asks to add someone who has no account yet."""
        data = getattr(self, "cleaned_data", {})
        return bool((data.get("new_name") or "").strip() or data.get("new_email"))

    def clean(self) -> dict:
        """One of: a person from the list, someone new (name and email), or a pseudonym."""
        super().clean()
        data = self.cleaned_data
        pseudonym = (data.get("pseudonym") or "").strip()
        new = self.adds_new_person or "new_email" in self.errors
        if new:
            if data.get("person"):
                self.add_error(
                    "new_name", "Choose a person from the list or add someone new, not both"
                )
            if pseudonym:
                self.add_error(
                    "pseudonym", "An anonymous guest has no name or email: leave them empty"
                )
            if not (data.get("new_name") or "").strip():
                self.add_error("new_name", "Enter the new person\u2019s full name")
            if not data.get("new_email") and "new_email" not in self.errors:
                self.add_error("new_email", "Enter the new person\u2019s email address")
        elif not data.get("person") and not pseudonym:
            if "person" not in self.errors:
                self.add_error(
                    "person", "Choose a person, add someone new, or give a pseudonym for a guest"
                )
        elif data.get("person") and pseudonym:
            self.add_error("pseudonym", "Leave the pseudonym empty when you choose a person")
        return data


class DeclarationForm(forms.Form):
    """A declaration of interest."""

    person = forms.ModelChoiceField(
        queryset=User.objects.none(),
        widget=PersonSelect,
        empty_label="Choose a person",
        error_messages={"required": "Choose who is declaring", "invalid_choice": "Choose a person"},
    )
    agenda_item = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Item")
    nature = TextField(
        widget=forms.Textarea(attrs={"rows": 3}),
        limit=TEXT_LIMIT,
        label="Interest declared",
        help_text='As it will read in the minutes, e.g. "A trustee of Safer London".',
        error_messages={"required": "Enter the interest being declared"},
    )

    def __init__(self, *args, people: QuerySet[User], items: dict[int, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "person").queryset = people
        choice_field(self, "agenda_item").choices = [
            ("", "The meeting's business generally"),
            *items.items(),
        ]
        self.helper = form_helper("person", "agenda_item", "nature", submit="Record declaration")


class QuorumRuleForm(forms.Form):
    """A committee's quorum."""

    min_members_present = forms.IntegerField(
        min_value=0,
        max_value=500,
        label="Members who must be present",
        help_text="Members and their substitutes count; officers, guests and observers do not.",
        error_messages={
            "required": "Enter how many members must be present",
            "invalid": "Enter a whole number",
            "min_value": "Enter 0 or more",
            "max_value": "Enter 500 or fewer",
        },
    )
    required_agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Agencies that must be present",
    )

    def __init__(self, *args, committee: Committee, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ids = [committee.host_id, *committee.member_agencies.values_list("id", flat=True)]
        model_choice_field(self, "required_agencies").queryset = Agency.objects.filter(id__in=ids)
        self.helper = form_helper("min_members_present", "required_agencies", submit="Save quorum")


class StatisticsForm(PeriodForm):
    """The period (and committee) of the attendance statistics."""

    committee = forms.ModelChoiceField(
        queryset=Committee.objects.none(),
        required=False,
        empty_label="All my committees",
        to_field_name="short_name",
        error_messages={"invalid_choice": "Choose one of your committees"},
    )

    def __init__(self, *args, committees: QuerySet[Committee], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "committee").queryset = committees
        helper = form_helper("start", "end", "committee", submit="Show")
        helper.form_method = "get"
        self.helper = helper

    @staticmethod
    def default_period(today: date) -> dict:
        """The last twelve months."""
        return {"start": today - timedelta(days=365), "end": today}
