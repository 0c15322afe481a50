"""Pages for minutes. Thin: access, form, service, render.

Meeting and item ids from URLs go through meetings.access (404 for those who may not see them);
writes are the chairs' and secretariat's (403 for partners who only read), except comments.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from audit.services import record_reads
from core.forms import apply_service_errors, error_status
from core.once import once, submit_once
from meetings import access
from meetings.marking import current_marking
from meetings.models import AgendaItem, Meeting
from meetings.selectors import agenda_for

from . import selectors, services
from .forms import AmendmentForm, ApproveForm, CommentForm, MinuteForm
from .models import Minute, Minutes, MinutesComment
from .pdf import minutes_pdf as build_pdf


def _comment_choices(doc: selectors.MinutesDocument) -> list[tuple[int, str]]:
    return [
        (s.row.id, f"{s.row.number} {s.label}") for s in doc.sections if s.heading and s.visible
    ]


def _document_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    comment_form: CommentForm | None = None,
    approve_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    doc = selectors.minutes_document(access.meeting_viewer(request.user, meeting))
    if comment_form is None and doc.taking_comments:
        comment_form = CommentForm(items=_comment_choices(doc))
    context = {
        "meeting": meeting,
        "doc": doc,
        "comment_form": comment_form,
        "approve_errors": approve_errors or [],
        "minutes_item": services.minutes_item(meeting) if doc.candidates else None,
    }
    record_reads(request.user, [doc], request.resolver_match.view_name)
    return render(request, "minutes/minutes.html", context, status=status)


def document(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes of a meeting, at whatever stage they are, as this person may see them."""
    meeting = access.access_meeting(request.user, pk)
    return _document_page(request, meeting)


def _stem(meeting: Meeting) -> str:
    day = timezone.localtime(meeting.starts_at)
    return f"{meeting.committee.short_name}-{day:%Y-%m-%d}-minutes"


@require_safe
@never_cache
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes as a PDF, holding only what the person asking may see."""
    meeting = access.access_meeting(request.user, pk)
    doc = selectors.minutes_document(access.meeting_viewer(request.user, meeting))
    if not doc.can_read:
        raise PermissionDenied("These minutes are a draft; they can be read once circulated.")
    record_reads(request.user, [doc], "minutes:pdf")
    content = build_pdf(doc, request.user, marking=current_marking())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{_stem(meeting)}.pdf")
    return response


def _row_for(request: HttpRequest, item: AgendaItem):
    return next(
        r
        for r in agenda_for(access.meeting_viewer(request.user, item.meeting)).rows
        if r.id == item.pk
    )


def _minute_initial(item: AgendaItem) -> tuple[Minute | None, dict]:
    minute = (
        Minute.objects.filter(item=item)
        .select_related("record")
        .prefetch_related("resolutions__approves__meeting__committee")
        .first()
    )
    if minute is None:
        return None, {"revision": 0, "narrative": "", "resolutions": ""}
    typed = [r.text for r in minute.resolutions.all() if r.approves_id is None]
    return minute, {
        "revision": minute.revision,
        "narrative": minute.narrative,
        "resolutions": "\n\n".join(typed),
    }


def _minute_page(request, item, form, *, amending: bool, minute, status: int) -> HttpResponse:
    meeting = item.meeting
    record = selectors.minutes_record(meeting)
    doc_url = reverse("minutes:document", kwargs={"pk": meeting.pk})
    context = {
        "item": item,
        "meeting": meeting,
        "row": _row_for(request, item),
        "form": form,
        "amending": amending,
        "record": record,
        "minute": minute,
        "approvals": [r for r in minute.resolutions.all() if r.approves_id] if minute else [],
        "amendments": minute.amendments.select_related("made_by") if minute else [],
        "comments": MinutesComment.objects.filter(item=item).select_related("author"),
        "doc_url": f"{doc_url}#item-{item.pk}",
    }
    record_reads(request.user, [item, minute], request.resolver_match.view_name)
    return render(request, "minutes/minute_form.html", context, status=status)


def minute_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair or clerk writes one item's minute (draft or circulated minutes)."""
    item = access.access_item(request.user, pk, to_run=True)
    record = selectors.minutes_record(item.meeting)
    if request.method != "POST" and record is not None and record.is_locked:
        messages.info(request, "These minutes are approved and locked; record an amendment.")
        return redirect("minutes:amend", pk=item.pk)
    minute, initial = _minute_initial(item)
    form = MinuteForm(request.POST or None, initial=initial)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.minute_save(
                item=item,
                by=request.user,
                narrative=form.cleaned_data["narrative"],
                resolutions=form.resolution_parts(),
                expected_revision=form.cleaned_data["revision"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            status = error_status(error)
        else:
            messages.success(request, f"Minute of “{item.title}” saved.")
            url = reverse("minutes:document", kwargs={"pk": item.meeting_id})
            return redirect(f"{url}#item-{item.pk}")
    return _minute_page(request, item, form, amending=False, minute=minute, status=status)


def minute_amend(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair or clerk corrects an approved minute by a recorded amendment."""
    item = access.access_item(request.user, pk, to_run=True)
    record = selectors.minutes_record(item.meeting)
    if request.method != "POST" and (record is None or not record.is_locked):
        return redirect("minutes:edit", pk=item.pk)
    minute, initial = _minute_initial(item)
    form = AmendmentForm(request.POST or None, initial=initial)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.minute_amend(
                item=item,
                by=request.user,
                reason=form.cleaned_data["reason"],
                narrative=form.cleaned_data["narrative"],
                resolutions=form.resolution_parts(),
                expected_revision=form.cleaned_data["revision"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            status = error_status(error)
        else:
            messages.success(request, f"Amendment to the minute of “{item.title}” recorded.")
            url = reverse("minutes:document", kwargs={"pk": item.meeting_id})
            return redirect(f"{url}#item-{item.pk}")
    return _minute_page(request, item, form, amending=True, minute=minute, status=status)


@require_POST
def circulate(request: HttpRequest, pk: int) -> HttpResponse:
    """Circulate draft minutes to the committee's members for comment."""
    meeting = access.access_meeting(request.user, pk, to_run=True)
    try:
        services.minutes_circulate(meeting=meeting, by=request.user)
    except ValidationError as error:
        return _document_page(
            request, meeting, approve_errors=error.messages, status=error_status(error)
        )
    messages.success(request, "The minutes are circulated to members for comment.")
    return redirect("minutes:document", pk=meeting.pk)


@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    """At a later meeting, approve earlier circulated minutes under its "Minutes" item."""
    meeting = access.access_meeting(request.user, pk, to_run=True)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return _document_page(
            request, meeting, approve_errors=["Choose the minutes to approve."], status=400
        )
    earlier = get_object_or_404(
        Minutes.objects.filter(
            meeting__in=access.visible_meetings(request.user).values("id")
        ).select_related("meeting__committee", "approved_at_meeting"),
        pk=form.cleaned_data["minutes"],
    )
    try:
        services.minutes_approve(minutes=earlier, at_meeting=meeting, by=request.user)
    except ValidationError as error:
        return _document_page(
            request, meeting, approve_errors=error.messages, status=error_status(error)
        )
    day = timezone.localtime(earlier.meeting.starts_at)
    messages.success(
        request,
        f"The minutes of {day.day} {day:%B %Y} are approved and locked; the resolution is "
        "recorded under this meeting's Minutes item.",
    )
    return redirect("minutes:document", pk=meeting.pk)


@require_POST
@submit_once
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner comments on circulated minutes."""
    meeting = access.access_meeting(request.user, pk)
    doc = selectors.minutes_document(access.meeting_viewer(request.user, meeting))
    form = CommentForm(request.POST, items=_comment_choices(doc))
    if form.is_valid():
        item_id = form.cleaned_data["item"]
        item = access.access_item(request.user, item_id) if item_id else None
        try:
            with once(request) as claim:
                services.minutes_comment_add(
                    meeting=meeting, item=item, author=request.user, text=form.cleaned_data["text"]
                )
                done = claim.redirect("minutes:document", pk=meeting.pk)
        except ValidationError as error:
            apply_service_errors(form, error)
            return _document_page(request, meeting, comment_form=form, status=error_status(error))
        messages.success(request, "Thank you: your comment is recorded with the minutes.")
        return done
    return _document_page(request, meeting, comment_form=form, status=400)
