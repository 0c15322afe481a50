"""Attendance statistics over many meetings (page and CSV) and a committee's quorum rule."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from core.csv import FormulaSafeCSV
from core.forms import apply_service_errors
from meetings import access
from meetings.marking import current_marking

from . import services
from .charts import attendance_chart
from .forms import (
    QuorumRuleForm,
    StatisticsForm,
)
from .statistics import attendance_statistics


def quorum_rule(request: HttpRequest, short_name: str) -> HttpResponse:
    """The chair or clerk sets the committee's quorum."""
    committee = get_object_or_404(
        access.partner_committees(request.user).select_related("host"), short_name=short_name
    )
    if not access.is_committee_officer(request.user, committee):
        raise PermissionDenied
    rule = getattr(committee, "quorum_rule", None)
    initial = (
        {
            "min_members_present": rule.min_members_present,
            "required_agencies": list(rule.required_agencies.all()),
        }
        if rule
        else {"min_members_present": 0}
    )
    form = QuorumRuleForm(request.POST or None, committee=committee, initial=initial)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.quorum_rule_set(
                committee=committee,
                by=request.user,
                min_members_present=form.cleaned_data["min_members_present"],
                required_agencies=form.cleaned_data["required_agencies"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Quorum saved.")
            return redirect(committee.get_absolute_url())
    context = {"committee": committee, "form": form}
    return render(request, "attendance/quorum_rule.html", context, status=status)


def _statistics_form(request: HttpRequest) -> StatisticsForm:
    committees = access.partner_committees(request.user).order_by("name")
    if "start" in request.GET or "end" in request.GET:
        return StatisticsForm(request.GET, committees=committees)
    defaults = StatisticsForm.default_period(timezone.localdate())
    return StatisticsForm(
        {**defaults, "committee": request.GET.get("committee", "")}, committees=committees
    )


def statistics(request: HttpRequest) -> HttpResponse:
    """Attendance per agency and per person over a period, with a chart and the table."""
    form = _statistics_form(request)
    if not form.is_valid():
        return render(request, "attendance/statistics.html", {"form": form}, status=400)
    data = form.cleaned_data
    stats = attendance_statistics(
        request.user, start=data["start"], end=data["end"], committee=data["committee"]
    )
    query = request.GET.urlencode() if request.GET else ""
    context = {
        "form": form,
        "stats": stats,
        "query": query,
        "chart": attendance_chart(stats.agencies),
    }
    return render(request, "attendance/statistics.html", context)


def statistics_csv(request: HttpRequest) -> HttpResponse:
    """The statistics as CSV: one row per agency, then one per person and agency."""
    form = _statistics_form(request)
    if not form.is_valid():
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    data = form.cleaned_data
    stats = attendance_statistics(
        request.user, start=data["start"], end=data["end"], committee=data["committee"]
    )
    name = f"attendance-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}.csv"
    response = FormulaSafeCSV(
        name,
        [
            "Level",
            "Name",
            "Agency",
            "Expected",
            "Present",
            "Apologies",
            "Absent",
            "Substitute",
            "Not recorded",
            "Attendance rate",
        ],
        marking=current_marking(),
    )
    for level, rows in (("Agency", stats.agencies), ("Person", stats.people)):
        for row in rows:
            response.writerow(
                [
                    level,
                    row.name,
                    row.agency,
                    row.expected,
                    row.present,
                    row.apologies,
                    row.absent,
                    row.substitute,
                    row.not_recorded,
                    "" if row.rate is None else f"{row.rate:.2f}",
                ]
            )
    return response
