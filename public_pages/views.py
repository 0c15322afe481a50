"""The public pages: no sign-in; everything read through public_pages.selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from meetings.services import paper_file_name

from . import selectors
from .calendar import committee_calendar


@login_not_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Committees that meet in public, each with its meetings, coming ones first."""
    now = timezone.now()
    meetings = list(selectors.public_meetings().order_by("starts_at"))
    committees = [
        {
            "committee": committee,
            "upcoming": [
                m for m in meetings if m.committee_id == committee.pk and m.ends_at >= now
            ],
            "past": [m for m in meetings if m.committee_id == committee.pk and m.ends_at < now][
                ::-1
            ],
        }
        for committee in selectors.public_committees()
    ]
    return render(request, "public/index.html", {"committees": committees})


@login_not_required
@require_safe
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """A public meeting's published agenda, its papers and, once approved, its minutes."""
    found = get_object_or_404(selectors.public_meetings(), pk=pk)
    agenda = selectors.public_agenda(found)
    if agenda is None:
        raise Http404
    return render(request, "public/meeting.html", {"meeting": found, "agenda": agenda})


@login_not_required
@require_safe
def paper(request: HttpRequest, pk: int) -> FileResponse:
    """A paper of a public item of a public meeting's published agenda."""
    found = selectors.public_paper(pk)
    if found is None:
        raise Http404
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=paper_file_name(found),
        content_type=found.content_type,
    )


@login_not_required
@require_safe
def calendar(request: HttpRequest, short_name: str) -> HttpResponse:
    """A public committee's meetings for calendar apps."""
    committee = get_object_or_404(selectors.public_committees(), short_name=short_name)
    response = HttpResponse(committee_calendar(committee), content_type="text/calendar")
    response["Content-Disposition"] = f'inline; filename="{committee.short_name}.ics"'
    return response
