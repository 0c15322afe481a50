"""The review page of a meeting's drafted actions, for its chairs and clerks: upload a
transcript, then accept, edit and accept, merge or reject each draft. Thin: the meeting goes
through meetings.access, every write through transcripts.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from agencies.http import SignedInRequest
from audit.services import record_reads
from core.forms import apply_service_errors
from core.uploads import display_name
from meetings import access
from meetings.models import Meeting

from . import selectors, services
from .forms import AcceptForm, MergeForm, UploadForm
from .models import DraftAction, Transcript


def _page(
    request: SignedInRequest,
    meeting: Meeting,
    *,
    upload: UploadForm | None = None,
    bound: AcceptForm | MergeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    items = access.meeting_items(request.user, meeting)
    pending, decided = selectors.drafts_in_context(meeting)
    rows = []
    for row in pending:
        accept = AcceptForm(draft=row.draft, items=items)
        merge = MergeForm(draft=row.draft)
        if isinstance(bound, AcceptForm) and bound.prefix == accept.prefix:
            accept = bound
        if isinstance(bound, MergeForm) and bound.prefix == merge.prefix:
            merge = bound
        rows.append((row, accept, merge))
    if rows:  # each draft's form lists the meeting's items, restricted ones by title
        surface = request.resolver_match.view_name if request.resolver_match else "transcripts"
        record_reads(request.user, list(items), surface)
    transcripts = selectors.meeting_transcripts(meeting)
    reading = any(
        t.status in (Transcript.Status.QUEUED, Transcript.Status.READING) for t in transcripts
    )
    context = {
        "meeting": meeting,
        "rows": rows,
        "decided": decided,
        "transcripts": transcripts,
        "reading": reading,
        "upload": upload or UploadForm(),
    }
    return render(request, "transcripts/review.html", context, status=status)


@require_safe
def review(request: SignedInRequest, pk: int) -> HttpResponse:
    """The meeting's drafts beside their quotes, and the transcript upload."""
    meeting = access.access_meeting(request.user, pk, to_run=True)
    return _page(request, meeting)


@require_POST
def upload(request: SignedInRequest, pk: int) -> HttpResponse:
    """Keep a transcript and have the worker read it; the page shows its progress."""
    meeting = access.access_meeting(request.user, pk, to_run=True)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, meeting, upload=form, status=400)
    file = form.cleaned_data["upload"]
    name = display_name(file.name, default="transcript.txt")
    services.transcript_queue(meeting=meeting, name=name, data=file.read(), by=request.user)
    messages.success(request, f"{name} is being read; its drafts appear below when it is done.")
    return HttpResponseRedirect(reverse("transcripts:review", args=[meeting.pk]))


def _draft(request: SignedInRequest, draft_id: int) -> tuple[Meeting, DraftAction]:
    """The draft, for its meeting's chairs and clerks: 404 for those the meeting is not shown to,
    403 for its other partners."""
    meeting_id = (
        DraftAction.objects.filter(pk=draft_id).values_list("meeting_id", flat=True).first()
    )
    if meeting_id is None:
        raise Http404("No such draft.")
    meeting = access.access_meeting(request.user, meeting_id, to_run=True)
    return meeting, DraftAction.objects.select_related("meeting__committee").get(pk=draft_id)


@require_POST
def decide(request: SignedInRequest, draft_id: int, verb: str) -> HttpResponse:
    """Accept (as worded in the form), merge or reject one draft."""
    meeting, draft = _draft(request, draft_id)
    back = HttpResponseRedirect(reverse("transcripts:review", args=[meeting.pk]) + "#drafts")
    if draft.state != DraftAction.State.PENDING:  # another tab or a double click decided it
        messages.info(request, f"The draft from line {draft.line} was decided already.")
        return back
    try:
        if verb == "reject":
            services.draft_reject(by=request.user, draft=draft)
            messages.success(request, f"Rejected the draft from line {draft.line}.")
            return back
        if verb == "merge":
            merge = MergeForm(request.POST, draft=draft)
            if not merge.is_valid():
                return _page(request, meeting, bound=merge, status=400)
            try:
                services.draft_merge(by=request.user, draft=draft, into=merge.cleaned_data["into"])
            except ValidationError as error:
                apply_service_errors(merge, error)
                return _page(request, meeting, bound=merge, status=400)
            messages.success(request, f"Merged the draft from line {draft.line}.")
            return back
        accept = AcceptForm(
            request.POST, draft=draft, items=access.meeting_items(request.user, meeting)
        )
        if not accept.is_valid():
            return _page(request, meeting, bound=accept, status=400)
        try:
            action = services.draft_accept(by=request.user, draft=draft, **accept.cleaned_data)
        except ValidationError as error:
            apply_service_errors(accept, error)
            return _page(request, meeting, bound=accept, status=400)
    except ValidationError as error:  # decided already (another tab, a double click)
        messages.error(request, " ".join(error.messages))
        return back
    messages.success(request, f"Action {action.reference} recorded from line {draft.line}.")
    return back
