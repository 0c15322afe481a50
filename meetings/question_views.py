"""The clerk's queue of questions from the public: accept, merge or decline each."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from agencies.http import SignedInRequest
from core.forms import apply_service_errors, error_status

from . import access, services
from .models import AgendaItem, Meeting, PublicQuestion
from .question_forms import DecideForm

Status = PublicQuestion.Status


def _choices(meeting: Meeting) -> tuple[list[AgendaItem], list[PublicQuestion]]:
    """The items open to the public and the accepted questions: read once for the queue."""
    items = AgendaItem.objects.filter(meeting=meeting, restricted=False).order_by(
        "parent_id", "position", "id"
    )
    accepted = meeting.public_questions.filter(status=Status.ACCEPTED).order_by("id")
    return list(items.only("id", "title")), list(accepted)


def _queue(request: HttpRequest, meeting: Meeting, failed: tuple[int, DecideForm] | None = None,
           status: int = 200) -> HttpResponse:  # fmt: skip
    items, accepted = _choices(meeting)
    pending = list(meeting.public_questions.filter(status=Status.PENDING).order_by("id"))
    forms = {
        q.pk: failed[1]
        if failed and failed[0] == q.pk
        else DecideForm(items=items, accepted=accepted, auto_id=f"q{q.pk}-%s")
        for q in pending
    }
    rows = [(q, forms[q.pk]) for q in pending]
    decided = meeting.public_questions.exclude(status=Status.PENDING).exclude(email="")
    context = {"meeting": meeting, "rows": rows, "decided": decided.order_by("-decided_at")[:50]}
    return render(request, "meetings/questions.html", context, status=status)


def question_queue(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's questions from the public waiting for a decision, for its officers."""
    meeting = access.access_meeting(request.user, pk, to_run=True)
    return _queue(request, meeting)


@require_POST
def question_decide(request: SignedInRequest, pk: int) -> HttpResponse:
    """Accept, merge or decline one question from the public."""
    question = get_object_or_404(PublicQuestion.objects.filter(meeting__isnull=False), pk=pk)
    if question.meeting_id is None:
        raise Http404
    meeting = access.access_meeting(request.user, question.meeting_id, to_run=True)
    items, accepted = _choices(meeting)
    form = DecideForm(request.POST, items=items, accepted=accepted, auto_id=f"q{pk}-%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "accept":
                services.question_accept(question=question, item=data["item"], by=request.user)
            elif data["decision"] == "merge":
                services.question_merge(question=question, into=data["into"], by=request.user)
            else:
                services.question_decline(question=question, reason=data["reason"], by=request.user)
        except ValidationError as error:
            apply_service_errors(form, error)
            return _queue(request, meeting, (pk, form), status=error_status(error))
        messages.success(request, "Decision saved; the asker is being told by email.")
        return redirect("meetings:questions", pk=meeting.pk)
    return _queue(request, meeting, (pk, form), status=400)
