"""The public pages: no sign-in; everything read through public_pages.selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from core.forms import apply_service_errors, error_codes
from core.once import posted_token
from meetings.services import (
    paper_file_name,
    question_submit,
    questions_close_at,
    takes_questions,
)

from . import selectors
from .calendar import committee_calendar
from .forms import AskForm


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
    context = {
        "meeting": found,
        "agenda": agenda,
        "asking": takes_questions(found),
        "closes_at": questions_close_at(found),
    }
    return render(request, "public/meeting.html", context)


THANKS = (
    "Thank you: your question has been sent to the clerk. We have emailed you to say so, and "
    "will email you the clerk's decision."
)


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a question for a public meeting, until its closing time."""
    found = get_object_or_404(selectors.public_meetings(), pk=pk)
    form = AskForm(request.POST or None)
    context = {
        "meeting": found,
        "form": form,
        "closes_at": questions_close_at(found),
        "closed": not takes_questions(found),
    }
    if not form.is_bound:
        return render(request, "public/ask.html", context)
    if not form.is_valid():
        return render(request, "public/ask.html", context, status=400)
    data = form.cleaned_data
    if data["website"]:
        # A robot: thanked like anyone, and nothing is kept.
        messages.success(request, THANKS)
        return redirect("public:meeting", pk=found.pk)
    try:
        question_submit(
            meeting=found,
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            question=data["question"],
            address=request.META.get("REMOTE_ADDR", ""),
            token=posted_token(request),
        )
    except ValidationError as error:
        apply_service_errors(form, error)
        codes = error_codes(error)
        context["closed"] = context["closed"] or "closed" in codes
        return render(
            request, "public/ask.html", context, status=429 if "throttled" in codes else 400
        )
    # A second send of the same form (a double click, a refresh) is thanked the same way.
    messages.success(request, THANKS)
    return redirect("public:meeting", pk=found.pk)


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
