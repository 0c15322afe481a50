"""Forms for meetings and agendas, laid out with the GOV.UK Design System."""

from __future__ import annotations

from datetime import UTC, datetime

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from agencies.models import Agency, User
from core.fields import (
    LONG_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    BoundedDateField,
    HiddenErrorsShown,
    HiddenNumberField,
    LineField,
    TextField,
)
from core.forms import choice_field, form_helper, model_choice_field
from core.widgets import PeopleSelectMultiple, PersonSelect, TimeInput

from .models import AgendaItem, ExemptParagraph, Meeting


def committee_people(meeting: Meeting) -> tuple[QuerySet[Agency], QuerySet[User]]:
    """The agencies of a meeting's committee (host and members) and their people, for choices."""
    committee = meeting.committee
    agency_ids = [committee.host_id, *committee.member_agencies.values_list("id", flat=True)]
    agencies = Agency.objects.filter(id__in=agency_ids)
    people = User.objects.filter(memberships__agency__in=agency_ids).distinct()
    return agencies, people


MOVE_DIRECTIONS = ("up", "down", "in", "out", "to")


class RevisionForm(HiddenErrorsShown):
    """Carries the agenda revision the person saw, so a stale edit is refused."""

    revision = HiddenNumberField()


class MeetingForm(RevisionForm):
    """A meeting's title, date, times and place (in London time)."""

    title = LineField(limit=TITLE_LIMIT, error_messages={"required": "Enter a title"})
    date = BoundedDateField(
        error_messages={"required": "Enter the date", "invalid": "Enter a real date"},
    )
    start_time = forms.TimeField(
        widget=TimeInput(),
        error_messages={"required": "Enter the start time", "invalid": "Enter a time like 10:00"},
    )
    end_time = forms.TimeField(
        widget=TimeInput(),
        error_messages={"required": "Enter the end time", "invalid": "Enter a time like 12:30"},
    )
    location = LineField(limit=TITLE_LIMIT, required=False)
    # Set by the page that asked "this date is in the past: save anyway?" (meetings.views).
    past_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            "revision",
            "title",
            "date",
            "start_time",
            "end_time",
            "location",
            "past_confirmed",
            submit="Save",
            id_from_label=True,
        )

    @staticmethod
    def initial_for(meeting: Meeting) -> dict:
        """The form's values for an existing meeting."""
        start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        return {
            "revision": meeting.agenda_revision,
            "title": meeting.title,
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "location": meeting.location,
        }

    def _aware(self, field: str) -> datetime | None:
        day, time = self.cleaned_data.get("date"), self.cleaned_data.get(field)
        if day is None or time is None:
            return None
        aware = timezone.make_aware(datetime.combine(day, time))
        # Round-trip through UTC: a time skipped when the clocks go forward comes back changed.
        if timezone.localtime(aware.astimezone(UTC)).time() != time:
            self.add_error(
                field, "That time does not exist on that date in London (the clocks go forward)"
            )
            return None
        return aware

    def asks_past(self) -> bool:
        """Whether a valid new meeting starts in the past and the person has not yet said
        "save anyway"; the form then carries that answer with everything typed."""
        starts_at = self.cleaned_data.get("starts_at")
        if starts_at is None or starts_at >= timezone.now():
            return False
        if self.cleaned_data.get("past_confirmed"):
            return False
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict, shown again
        data[self.add_prefix("past_confirmed")] = "True"
        self.data = data
        return True

    def clean(self) -> dict:
        """Turn date and times into aware datetimes; the end must come after the start."""
        super().clean()
        data = self.cleaned_data
        data["starts_at"], data["ends_at"] = self._aware("start_time"), self._aware("end_time")
        if data["starts_at"] and data["ends_at"] and data["ends_at"] <= data["starts_at"]:
            self.add_error("end_time", "The end time must be after the start time")
        return data


class ItemForm(RevisionForm):
    """An agenda item's content."""

    title = LineField(limit=300, error_messages={"required": "Enter a title"})
    kind = forms.ChoiceField(choices=AgendaItem.Kind.choices, initial=AgendaItem.Kind.SUBSTANTIVE)
    parent = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="Place it under"
    )
    after = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        label="Insert it after",
        help_text="Leave this as it is to add the item before any other business.",
    )
    description = TextField(
        limit=LONG_LIMIT, widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    presenters = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=PeopleSelectMultiple,
        help_text="Type a name to find someone; choose as many as present it.",
    )
    lead_agency = forms.ModelChoiceField(queryset=Agency.objects.none(), required=False)
    planned_minutes = forms.IntegerField(
        min_value=1,
        max_value=24 * 60,
        required=False,
        label="Planned minutes",
        error_messages={
            "min_value": "Planned minutes must be at least 1",
            "max_value": "Planned minutes must be at most 1440",
            "invalid": "Enter planned minutes as a whole number",
        },
    )
    recommendation = TextField(
        limit=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text='For example "That the Committee notes the report."',
    )

    def __init__(
        self,
        *args,
        meeting: Meeting,
        parents: list[tuple[int, str]],
        after: list[tuple[int, str]] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "parent").choices = [("", "Top level"), *parents]
        choice_field(self, "after").choices = [("", "Before any other business"), *(after or [])]
        agencies, people = committee_people(meeting)
        model_choice_field(self, "lead_agency").queryset = agencies
        model_choice_field(self, "presenters").queryset = people
        fields = ["revision", "title", "kind", "after", "parent", "description", "presenters"]
        fields += ["lead_agency", "planned_minutes", "recommendation"]
        self.helper = form_helper(*fields, submit="Save item", id_from_label=True)


def item_edit_form(data, *, meeting: Meeting, initial: dict | None = None) -> ItemForm:
    """The item form for an existing item: where it sits is changed by moving, not here."""
    form = ItemForm(data, meeting=meeting, parents=[], initial=initial)
    for name in ("parent", "after"):
        form.fields.pop(name)
        form.helper.layout.fields.remove(name)
    return form


class MoveForm(RevisionForm):
    """A keyboard-friendly move: one button per direction, or 'to' a position (1-based)."""

    direction = forms.ChoiceField(choices=[(d, d) for d in MOVE_DIRECTIONS])
    position = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=10_000,
        error_messages={"invalid": "Enter the position as a whole number"},
    )

    def clean(self) -> dict:
        """A move 'to' a position needs the position."""
        data = super().clean() or self.cleaned_data
        if data.get("direction") == "to" and data.get("position") is None:
            self.add_error("position", "Enter the position to move the item to")
        return data


class AccessForm(RevisionForm):
    """Who may see an item."""

    restricted = forms.BooleanField(
        required=False,
        label="Restrict this item",
        help_text="Only the agencies and people chosen below, the chairs and the secretariat "
        "will see it. Everyone else sees a placeholder.",
    )
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    users = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="People",
        widget=PeopleSelectMultiple,
        help_text="Type a name to find someone.",
    )

    exempt_paragraph = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Choose a paragraph"), *ExemptParagraph.choices],
        label="Why it is exempt (Local Government Act 1972, Schedule 12A)",
        help_text="This committee meets in public: the public pages show only "
        "“Exempt item: not for publication” and this paragraph in place of the item.",
    )

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        agencies, people = committee_people(meeting)
        model_choice_field(self, "agencies").queryset = agencies
        model_choice_field(self, "users").queryset = people
        fields = ["revision", "restricted", "exempt_paragraph", "agencies", "users"]
        if not meeting.committee.is_public:
            del self.fields["exempt_paragraph"]
            fields.remove("exempt_paragraph")
        self.helper = form_helper(*fields, submit="Save access", id_from_label=True)


class PaperForm(forms.Form):
    """Upload a paper."""

    title = LineField(limit=TITLE_LIMIT, required=False, help_text="Defaults to the file name.")
    upload = forms.FileField(label="File", error_messages={"required": "Choose a file to upload"})
    is_background = forms.BooleanField(
        required=False,
        label="A background paper",
        help_text="On a committee that meets in public, background papers stay on the public "
        "pages for four years after the meeting, other papers and the minutes for six.",
    )

    def __init__(self, *args, **kwargs) -> None:
        # Shares the item page with the item's own form, which also has a title.
        kwargs.setdefault("auto_id", "paper-%s")
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            "title", "upload", "is_background", submit="Upload paper", id_from_label=True
        )


class QuestionForm(forms.Form):
    """A public question sent in advance."""

    question = TextField(
        limit=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the question"},
    )
    asked_by = LineField(
        limit=TITLE_LIMIT,
        label="Sent by",
        error_messages={"required": "Enter who sent the question"},
    )
    answered_by = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=PersonSelect,
        empty_label="Nobody named yet",
    )

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        kwargs.setdefault("auto_id", "question-%s")
        super().__init__(*args, **kwargs)
        model_choice_field(self, "answered_by").queryset = committee_people(meeting)[1]
        self.helper = form_helper(
            "question", "asked_by", "answered_by", submit="Add question", id_from_label=True
        )


class UrgencyForm(forms.Form):
    """Why a public committee's agenda goes out with fewer than five clear days."""

    late_reason = TextField(
        limit=1000,
        required=False,
        label="Reason of urgency",
        help_text="Shown with the agenda on the public pages.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
