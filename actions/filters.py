"""Register filters (django-filter): status, agency, meeting, overdue, due range."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from agencies.models import Agency
from meetings import access
from meetings.models import Meeting

from .models import Action

RECENT_MEETING_DAYS = 366


class ActionFilter(django_filters.FilterSet):
    """Filters a register the person may already see; choices are limited to what they see."""

    status = django_filters.MultipleChoiceFilter(
        choices=Action.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    owning_agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.none(), label="Agency", empty_label="Any agency"
    )
    meeting = django_filters.ModelChoiceFilter(
        queryset=Meeting.objects.none(), label="Meeting", empty_label="Any meeting"
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label="Overdue only", widget=forms.CheckboxInput
    )
    due_after = django_filters.DateFilter(
        field_name="due_date",
        lookup_expr="gte",
        label="Due from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    due_before = django_filters.DateFilter(
        field_name="due_date",
        lookup_expr="lte",
        label="Due by",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Action
        fields = ["status", "owning_agency", "meeting", "overdue", "due_after", "due_before"]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only agencies owning an action the person may see: one owning nothing but a
        # restricted action would otherwise give that action away.
        self.filters["owning_agency"].queryset = Agency.objects.filter(
            id__in=access.visible_actions(user).values("owning_agency_id")
        )
        self.filters["meeting"].queryset = access.visible_meetings(user).select_related("committee")

    @property
    def form(self) -> forms.Form:
        """The filter form; its meeting list offers the last year's meetings (and the chosen
        one) while any meeting the person may see is still accepted from the URL. Listing every
        meeting made the register's page grow with the partnership's history."""
        if not hasattr(self, "_form"):
            form = super().form
            field = form.fields["meeting"]
            since = timezone.now() - datetime.timedelta(days=RECENT_MEETING_DAYS)
            chosen = str(self.data.get("meeting", "")) if self.data else ""
            recent = field.queryset.filter(
                Q(starts_at__gte=since) | Q(pk=chosen if chosen.isdigit() else None)
            ).order_by("-starts_at")
            field.widget.choices = [("", field.empty_label)] + [
                (m.pk, field.label_from_instance(m)) for m in recent
            ]
            field.help_text = "Meetings of the last 12 months."
        return self._form

    def filter_overdue(self, queryset: QuerySet[Action], name: str, value: bool):
        """Outstanding and past the due date."""
        if not value:
            return queryset
        return queryset.filter(status__in=Action.OUTSTANDING, due_date__lt=timezone.localdate())
