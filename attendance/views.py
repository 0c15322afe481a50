"""Attendance pages. Thin: access through meetings.access, a form, a service, render.

Anyone who may see a meeting may see its attendance (404 for everyone else); changing it is for
the chair and secretariat, and for an agency lead their own agency's rows (403 otherwise).
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from agencies.models import User
from audit.services import record_reads
from core.forms import apply_service_errors, error_status
from meetings import access
from meetings.models import Meeting

from . import selectors, services
from .forms import (
    ApologiesForm,
    RecordForm,
    SubstituteForm,
    on_meeting_day,
)
from .models import Invitation
from .rules import send_apologies_refusal, withdraw_apologies_refusal

FIELD_OF = {"status": "status", "arrived_at": "arrived", "left_at": "left"}
ROW_KEY = re.compile(r"^(status|arrived|left|revision)_\d+$")


def _row_keys(data) -> list[str]:
    return [key for key in data if ROW_KEY.match(key)]


def _substitute_people(page: selectors.AttendancePage) -> object:
    agency_ids = {row.invitation.agency_id for row in page.editable_rows}
    agency_ids.discard(None)
    return User.objects.filter(memberships__agency__in=agency_ids, is_active=True).distinct()


def _substitutable(page: selectors.AttendancePage) -> list[selectors.AttendanceRow]:
    return [
        row
        for row in page.editable_rows
        if row.invitation.status in (Invitation.Status.EXPECTED, Invitation.Status.APOLOGIES)
        and row.substituted_by is None
        and row.invitation.person_id is not None
    ]


def _own_agency_first(page: selectors.AttendancePage) -> dict:
    """For an agency lead (not the chair or clerk, who record everyone): the rows of their own
    agency first, everyone else in groups shown collapsed."""
    lead_of = page.recorder.lead_agency_ids
    if page.recorder.is_officer or not lead_of:
        return {}
    own = [row for row in page.rows if row.invitation.agency_id in lead_of]
    if not own:
        return {}
    others = [
        (title, [row for row in rows if row.invitation.agency_id not in lead_of])
        for title, rows in page.groups
    ]
    others = [(title, rows) for title, rows in others if rows]
    names = sorted({row.invitation.agency.name for row in own if row.invitation.agency})
    return {
        "own_rows": own,
        "own_title": f"Your agency: {', '.join(names)}",
        "other_groups": others,
        "other_count": sum(len(rows) for _, rows in others),
    }


def _render_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    page: selectors.AttendancePage | None = None,
    form: RecordForm | None = None,
    substitute_form: SubstituteForm | None = None,
    apologies_form: ApologiesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    page = page or selectors.attendance_page(access.meeting_viewer(request.user, meeting))
    editable = page.editable_rows
    if form is None:
        form = RecordForm(meeting=meeting, rows=editable)
    if substitute_form is None:
        substitute_form = SubstituteForm(rows=_substitutable(page), people=_substitute_people(page))
    own = page.own
    now = timezone.now()
    # Apologies already sent show the withdraw button instead of the send form.
    can_send_apologies = (
        own is not None
        and own.status == Invitation.Status.EXPECTED
        and send_apologies_refusal(own, now=now) is None
    )
    context = {
        "meeting": meeting,
        "page": page,
        "form": form,
        "substitute_form": substitute_form,
        "apologies_form": apologies_form or ApologiesForm(),
        "can_send_apologies": can_send_apologies,
        "can_withdraw_apologies": (
            own is not None
            and withdraw_apologies_refusal(
                own,
                now=now,
                substituted=any(r.substituted_by for r in page.rows if r.invitation.pk == own.pk),
            )
            is None
        ),
        "errors": [form, substitute_form, apologies_form]
        if apologies_form
        else [form, substitute_form],
    }
    context.update(_own_agency_first(page))
    record_reads(request.user, [row.invitation for row in page.rows], "attendance:meeting")
    return render(request, "attendance/meeting.html", context, status=status)


def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """A meeting's attendance; the rows the viewer may record are a form, saved all or nothing."""
    meeting = access.access_meeting(request.user, pk)
    if request.method != "POST":
        return _render_page(request, meeting)
    page = selectors.attendance_page(access.meeting_viewer(request.user, meeting))
    if not page.editable_rows:
        raise PermissionDenied
    form = RecordForm(request.POST, meeting=meeting, rows=page.editable_rows)
    if set(_row_keys(request.POST)) - set(form.fields):
        # Someone else's row: leads record their own agency's people only.
        raise PermissionDenied
    if form.is_valid():
        changes = form.changes()
        try:
            with transaction.atomic():
                for invitation, values in changes:
                    try:
                        services.attendance_record(invitation=invitation, by=request.user, **values)
                    except ValidationError as error:
                        apply_service_errors(
                            form, error, names=FIELD_OF, suffix=f"_{invitation.pk}"
                        )
                        raise
        except ValidationError as error:
            # A stale row is a conflict (409), like a stale agenda or minute.
            return _render_page(request, meeting, page=page, form=form, status=error_status(error))
        if changes:
            messages.success(request, f"Attendance saved for {len(changes)} people.")
        else:
            messages.info(request, "Nothing had changed.")
        return redirect("attendance:meeting", pk=meeting.pk)
    return _render_page(request, meeting, page=page, form=form, status=400)


@require_POST
def substitute_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record someone attending in place of an invited person."""
    meeting = access.access_meeting(request.user, pk)
    page = selectors.attendance_page(access.meeting_viewer(request.user, meeting))
    if not page.editable_rows:
        raise PermissionDenied
    form = SubstituteForm(request.POST, rows=_substitutable(page), people=_substitute_people(page))
    if form.is_valid():
        original = get_object_or_404(
            selectors.visible_invitations(request.user).filter(meeting=meeting),
            pk=form.cleaned_data["original"],
        )
        try:
            sub = services.substitute_record(
                original=original,
                by=request.user,
                person=form.cleaned_data["person"],
                arrived_at=on_meeting_day(meeting, form.cleaned_data["arrived"]),
                left_at=on_meeting_day(meeting, form.cleaned_data["left"]),
            )
        except ValidationError as error:
            apply_service_errors(form, error, names={"arrived_at": "arrived", "left_at": "left"})
        else:
            messages.success(request, f"{sub.name} recorded as substitute for {original.name}.")
            return redirect("attendance:meeting", pk=meeting.pk)
    return _render_page(request, meeting, page=page, substitute_form=form, status=400)


@require_POST
def substitute_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a substitute recorded in error."""
    substitute = get_object_or_404(
        selectors.visible_invitations(request.user).select_related("meeting"), pk=pk
    )
    try:
        original = services.substitute_remove(substitute=substitute, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("attendance:meeting", pk=substitute.meeting_id)
    messages.success(request, f"Substitute removed; {original.name} keeps their apologies.")
    return redirect("attendance:meeting", pk=original.meeting_id)


@require_POST
def apologies_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Send your own apologies ahead of a meeting you are invited to."""
    meeting = access.access_meeting(request.user, pk)
    invitation = get_object_or_404(Invitation, meeting=meeting, person=request.user)
    form = ApologiesForm(request.POST)
    if form.is_valid():
        try:
            services.apologies_send(
                invitation=invitation, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your apologies have been sent.")
            return redirect("attendance:meeting", pk=meeting.pk)
    return _render_page(request, meeting, apologies_form=form, status=400)


@require_POST
def apologies_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Take back your apologies before the meeting starts."""
    meeting = access.access_meeting(request.user, pk)
    invitation = get_object_or_404(Invitation, meeting=meeting, person=request.user)
    try:
        services.apologies_withdraw(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("attendance:meeting", pk=meeting.pk)
    messages.success(request, "Your apologies have been withdrawn: you are expected.")
    return redirect("attendance:meeting", pk=meeting.pk)


def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every recorded change of the attendance the viewer may see."""
    meeting = access.access_meeting(request.user, pk)
    changes = selectors.attendance_history(request.user, meeting)
    record_reads(request.user, [change.invitation for change in changes], "attendance:history")
    return render(request, "attendance/history.html", {"meeting": meeting, "changes": changes})


@require_GET
def quorum(request: HttpRequest, pk: int) -> JsonResponse:
    """Whether the meeting is quorate now, for the page's live update."""
    meeting = access.access_meeting(request.user, pk)
    response = JsonResponse(selectors.quorum_status(meeting).as_dict())
    response["Cache-Control"] = "no-store"
    return response
