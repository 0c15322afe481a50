"""The actions register: my actions, my agency's, a committee's; CSV of what you may see."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from meetings import access

from . import selectors
from .filters import ActionFilter
from .models import Action

PAGE_SIZE = 50
SCOPES = {
    "mine": ("My actions", selectors.my_actions),
    "agency": ("My agency's actions", selectors.agency_actions),
    "all": ("All actions I can see", selectors.register),
}


def _scoped(request: HttpRequest) -> tuple[str, str, QuerySet[Action]]:
    scope = request.GET.get("scope", "agency")
    if scope not in SCOPES:
        scope = "agency"
    title, select = SCOPES[scope]
    queryset = select(request.user)
    committee = request.GET.get("committee")
    if committee:
        found = get_object_or_404(access.partner_committees(request.user), short_name=committee)
        queryset = queryset.filter(committee=found)
        title = f"{found.name}: actions"
    return scope, title, queryset


def register(request: HttpRequest) -> HttpResponse:
    """A page of the register, filtered."""
    scope, title, queryset = _scoped(request)
    filters = ActionFilter(request.GET or None, queryset=queryset, user=request.user)
    if filters.is_bound and not filters.is_valid():
        status = 400
        rows = queryset.none()
    else:
        status = 200
        rows = filters.qs
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "title": title,
        "scope": scope,
        "scopes": [(key, label) for key, (label, _) in SCOPES.items()],
        "filter": filters,
        "page": page,
        "query": query.urlencode(),
    }
    return render(request, "actions/register.html", context, status=status)


def register_csv(request: HttpRequest) -> HttpResponse:
    """The filtered register as CSV: only what this person may see."""
    _, _, queryset = _scoped(request)
    filters = ActionFilter(request.GET or None, queryset=queryset, user=request.user)
    if filters.is_bound and not filters.is_valid():
        return HttpResponse("Check the filters: " + filters.errors.as_text(), status=400)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="actions.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "Reference",
            "Committee",
            "Meeting",
            "Item",
            "Action",
            "Status",
            "Action by",
            "Owner",
            "Deadline",
            "Due date",
        ]
    )
    for action in filters.qs.iterator(chunk_size=500):
        writer.writerow(
            [
                action.reference,
                action.committee.name,
                action.meeting.title if action.meeting else action.source,
                action.agenda_item.title if action.agenda_item else "",
                action.description,
                action.get_status_display(),
                action.owning_agency.short_name,
                action.owner.full_name if action.owner else "Unassigned",
                action.due_text,
                action.due_date.isoformat() if action.due_date else "",
            ]
        )
    return response


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One action with its progress updates."""
    action = access.access_action(request.user, pk)
    context = {
        "action": action,
        "updates": action.updates.select_related("author"),
        "co_agencies": action.co_agencies.all(),
    }
    return render(request, "actions/detail.html", context)
