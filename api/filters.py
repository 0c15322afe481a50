"""Query-string filters of the API's lists, built on the access rule's choices: a value naming
something the person may not see is refused like one that does not exist (400)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from actions.filters import BoundedDateFilter, agency_choices
from actions.models import Action
from actions.selectors import overdue_q, unassigned_q
from agencies.models import Agency
from meetings import access
from meetings.models import AgendaItem, Committee, Meeting

YES_NO = [("true", "true"), ("false", "false")]


class SlugFilter(django_filters.CharFilter):
    """A short name in the query string, validated as the slug it is."""

    field_class = forms.SlugField


class PersonFilterSet(django_filters.FilterSet):
    """A FilterSet whose choices are limited to what the requesting person may see."""

    def __init__(self, data: Any = None, queryset: Any = None, *, request: Any = None, **kw: Any):
        super().__init__(data, queryset, request=request, **kw)
        self.user: access.AnyUser = request.user if request is not None else AnonymousUser()
        self.limit_choices()

    def limit_choices(self) -> None:
        """Narrow the model choices to the person's."""


class MeetingFilter(PersonFilterSet):
    """?committee=<short name>&status=<status>."""

    committee = SlugFilter(
        field_name="committee__short_name", max_length=30, help_text="A committee's short name."
    )
    status = django_filters.MultipleChoiceFilter(choices=Meeting.Status.choices)

    class Meta:
        model = Meeting
        fields = ["committee", "status"]


class AgendaItemFilter(PersonFilterSet):
    """?meeting=<id>: the items of one meeting the person may open."""

    meeting = django_filters.ModelChoiceFilter(queryset=Meeting.objects.none())

    class Meta:
        model = AgendaItem
        fields = ["meeting"]

    def limit_choices(self) -> None:
        """Only meetings the person may open."""
        self.filters["meeting"].queryset = access.visible_meetings(self.user)


class ActionFilter(PersonFilterSet):
    """The register's filters: committee, agency, status, meeting, overdue, unassigned, due."""

    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.none(), to_field_name="short_name", help_text="Short name."
    )
    agency = django_filters.ModelChoiceFilter(
        field_name="owning_agency",
        queryset=Agency.objects.none(),
        to_field_name="short_name",
        help_text="The owning agency's short name (e.g. MPS).",
    )
    status = django_filters.MultipleChoiceFilter(choices=Action.Status.choices)
    meeting = django_filters.ModelChoiceFilter(queryset=Meeting.objects.none())
    overdue = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_overdue", help_text="Outstanding and past the due date."
    )
    unassigned = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_unassigned", help_text="Outstanding with no owner."
    )
    due_after = BoundedDateFilter(field_name="due_date", lookup_expr="gte")
    due_before = BoundedDateFilter(field_name="due_date", lookup_expr="lte")

    class Meta:
        model = Action
        fields = ["committee", "agency", "status", "meeting", "overdue", "unassigned"]

    def limit_choices(self) -> None:
        """The register's choices: the person's committees, agencies and meetings."""
        self.filters["committee"].queryset = access.partner_committees(self.user)
        self.filters["agency"].queryset = agency_choices(self.user)
        self.filters["meeting"].queryset = access.visible_meetings(self.user)

    def filter_overdue(self, queryset: QuerySet[Action], name: str, value: str):
        """Outstanding and past the due date (or, with false, not)."""
        return (queryset.filter if value == "true" else queryset.exclude)(overdue_q())

    def filter_unassigned(self, queryset: QuerySet[Action], name: str, value: str):
        """Outstanding with nobody assigned (or, with false, assigned or done)."""
        return (queryset.filter if value == "true" else queryset.exclude)(unassigned_q())
