"""Destructive steps ask first: each has a page of its own that says what will happen, and
only that page's form (carrying `confirm=yes`) does it. Cancel a meeting, remove an item,
remove a paper; revoking an item's grant is confirmed from item_views.item_access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from agencies.http import SignedInRequest
from audit.services import record_reads
from core.forms import error_status

from . import access, consequences, selectors, services
from .forms import RevisionForm
from .models import Meeting
from .views import render_editor

CONFIRM = "confirm"


def confirmed(request: HttpRequest) -> bool:
    """Whether the POST came from a confirmation page."""
    return request.method == "POST" and request.POST.get(CONFIRM) == "yes"


def confirm_page(
    request: HttpRequest,
    *,
    meeting: Meeting,
    heading: str,
    lines: list[str],
    button: str,
    back: str,
    hidden: list[tuple[str, object]] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page that says what a destructive step will do, with the one button that does it."""
    context = {
        "meeting": meeting,
        "heading": heading,
        "lines": lines,
        "button": button,
        "back": back,
        "hidden": [*(hidden or []), (CONFIRM, "yes")],
    }
    return render(request, "meetings/confirm.html", context, status=status)


def _not_confirmed(request: HttpRequest) -> int:
    # A POST without the confirmation page's field is shown the page (nothing is done).
    return 400 if request.method == "POST" else 200


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_cancel(request: SignedInRequest, pk: int) -> HttpResponse:
    """Cancel the meeting, after a page that says what cancelling does."""
    meeting = access.access_meeting(request.user, pk, to_run=True)
    if not services.can_move(meeting, Meeting.Status.CANCELLED):
        status = meeting.get_status_display().lower()
        messages.error(request, f"A meeting that is {status} cannot be cancelled.")
        return render_editor(request, meeting, status=409)  # a stage conflict, as elsewhere
    form = RevisionForm(request.POST if confirmed(request) else None)
    if confirmed(request):
        try:
            if not form.is_valid():
                raise ValidationError("That request was not understood.")
            services.meeting_cancel(
                meeting=meeting, expected_revision=form.cleaned_data["revision"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return render_editor(request, meeting, status=error_status(error))
        messages.success(request, "The meeting is cancelled.")
        return redirect(meeting.get_absolute_url())
    return confirm_page(
        request,
        meeting=meeting,
        heading=f"Cancel “{meeting.title}”?",
        lines=consequences.meeting_cancel(meeting),
        button="Yes, cancel the meeting",
        back=meeting.get_absolute_url(),
        hidden=[("revision", meeting.agenda_revision)],
        status=_not_confirmed(request),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def item_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    """Remove an item and its sub-items, after a page that says what goes with it."""
    item = access.access_item(request.user, pk, to_run=True)
    meeting = item.meeting
    editor = reverse("meetings:editor", kwargs={"pk": meeting.pk})
    if confirmed(request):
        form = RevisionForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError("That request was not understood.")
            services.item_delete(item=item, expected_revision=form.cleaned_data["revision"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return render_editor(request, meeting, status=error_status(error))
        messages.success(request, f"Removed “{item.title}”.")
        return redirect(editor)
    rows = selectors.agenda_for(access.meeting_viewer(request.user, meeting)).rows
    number = next((row.number for row in rows if row.id == item.pk), "")
    record_reads(request.user, [item], "meetings:item_delete")  # the page names the item
    return confirm_page(
        request,
        meeting=meeting,
        heading=f"Remove item {number}, “{item.title}”?",
        lines=consequences.item_remove(item),
        button="Yes, remove the item",
        back=f"{editor}#item-{item.pk}",
        hidden=[("revision", meeting.agenda_revision)],
        status=_not_confirmed(request),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def paper_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    """Remove a paper, after a page that says so."""
    paper = get_object_or_404(
        selectors.visible_papers(request.user).select_related("item__meeting__committee"), pk=pk
    )
    meeting = paper.item.meeting
    if not access.is_committee_officer(request.user, meeting.committee):
        raise PermissionDenied
    back = reverse("meetings:item_edit", kwargs={"pk": paper.item_id})
    if not confirmed(request):
        record_reads(request.user, [paper], "meetings:paper_delete")  # the page names it
    if confirmed(request):
        services.paper_delete(paper=paper)
        messages.success(request, "Paper removed.")
        return redirect("meetings:item_edit", pk=paper.item_id)
    return confirm_page(
        request,
        meeting=meeting,
        heading=f"Remove the paper “{paper.title}”?",
        lines=consequences.paper_remove(paper),
        button="Yes, remove the paper",
        back=back,
        status=_not_confirmed(request),
    )
