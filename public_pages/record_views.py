"""The public record as its committee's officers manage it: what the retention job has marked as
removable. Nothing here removes anything; removing stays the officers' own, deliberate step."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from audit.services import record_reads
from meetings import access

from .retention import BACKGROUND_YEARS, RECORD_YEARS, removable_records


@require_safe
def removable(request: HttpRequest, short_name: str) -> HttpResponse:
    """The committee's public records that may now be removed, for its chairs and clerks."""
    committee = get_object_or_404(access.officer_committees(request.user), short_name=short_name)
    rows = removable_records(committee)
    # An exempt item's paper is named here: its officers may read it, and the read is logged.
    papers = [row.record.paper for row in rows if row.exempt]
    record_reads(request.user, papers, "public_records:removable")
    context = {
        "committee": committee,
        "rows": rows,
        "record_years": RECORD_YEARS,
        "background_years": BACKGROUND_YEARS,
    }
    return render(request, "public/removable.html", context)
