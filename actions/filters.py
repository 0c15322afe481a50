"""Register filters (django-filter): committee, status, agency, meeting, overdue, due range."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from agencies.models import Agency
from core.fields import BoundedDateField
from meetings import access
from meetings.models import Committee, Meeting

from .models import Action
from .selectors import overdue_q, unassigned_q


def overdue_switch(query: QueryDict) -> dict:
    """The register's "overdue only" switch: whether it is on, and the query strings (other
    filters kept) that turn it on and off."""
    switch = query.copy()
    switch.pop("overdue", None)
    off = switch.urlencode()
    switch["overdue"] = "on"
    on = forms.CheckboxInput().value_from_datadict(query, MultiValueDict(), "overdue")
    return {"overdue_only": on, "with_overdue": switch.urlencode(), "without_overdue": off}


def agency_choices(user: access.AnyUser) -> QuerySet[Agency]:
    """The agencies a person may filter actions by: those of their committees and their own;
    never "agencies owning an action", which could give a restricted action away and costs a
    pass over every action."""
    partner = access.partner_committees(user)
    return Agency.objects.filter(
        Q(memberships__user=user)
        | Q(hosted_committees__in=partner.values("id"))
        | Q(committees__in=partner.values("id"))
    ).distinct()


class BoundedDateFilter(django_filters.DateFilter):
    """A date filter whose dates are bounded like every date the product accepts."""

    field_class = BoundedDateField


class ActionFilter(django_filters.FilterSet):
    """Filters a register the person may already see; choices are limited to what they see."""

    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.none(),
        to_field_name="short_name",
        label="Committee",
        empty_label="Any committee",
    )
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
    unassigned = django_filters.BooleanFilter(
        method="filter_unassigned", label="Unassigned only", widget=forms.CheckboxInput
    )
    due_after = BoundedDateFilter(field_name="due_date", lookup_expr="gte", label="Due from")
    due_before = BoundedDateFilter(field_name="due_date", lookup_expr="lte", label="Due by")

    class Meta:
        model = Action
        fields = [
            "committee",
            "status",
            "owning_agency",
            "meeting",
            "overdue",
            "unassigned",
            "due_after",
            "due_before",
        ]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["owning_agency"].queryset = agency_choices(user)
        self.filters["committee"].queryset = access.partner_committees(user).order_by("name")
        self.filters["meeting"].queryset = access.visible_meetings(user).select_related("committee")

    @property
    def form(self) -> forms.Form:
        """The filter form; its meeting list offers the chosen committee's meetings (and the
        chosen meeting), while any meeting the person may see is still accepted from the URL.
        Listing every meeting made the register's page grow with the partnership's history."""
        if not hasattr(self, "_form"):
            form = super().form
            field = form.fields["meeting"]
            data = self.data or {}
            committee = str(data.get("committee", ""))
            of_committee = Q(committee__short_name=committee) if committee else Q(pk__in=[])
            # The chosen meeting is read by the field itself (a meeting this person may see, or
            # nothing): hand parsing took "²" for a number.
            try:
                chosen = field.to_python(data.get("meeting"))
            except ValidationError:
                chosen = None
            of_chosen = Q(pk=chosen.pk) if chosen is not None else Q(pk__in=[])
            offered = field.queryset.filter(of_committee | of_chosen).order_by("-starts_at")
            field.widget.choices = [("", field.empty_label)] + [
                (m.pk, field.label_from_instance(m)) for m in offered
            ]
            field.help_text = "" if committee else "Choose a committee to list its meetings."
        return self._form

    def filter_unassigned(self, queryset: QuerySet[Action], name: str, value: bool):
        """Outstanding with nobody assigned (the lead, or a manager, assigns them)."""
        return queryset.filter(unassigned_q()) if value else queryset

    def filter_overdue(self, queryset: QuerySet[Action], name: str, value: bool):
        """Outstanding and past the due date."""
        return queryset.filter(overdue_q()) if value else queryset
