"""Attendance pages. Thin: access through meetings.access, a form, a service, render.

Anyone who may see a meeting may see its attendance (404 for everyone else); changing it is for
the chair and secretariat, and for an agency lead their own agency's rows (403 otherwise).
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from agencies.models import User
from audit.services import record_reads
from core.csv import FormulaSafeCSV
from core.forms import apply_service_errors, error_status
from meetings import access
from meetings.models import Meeting

from . import selectors, services
from .charts import attendance_chart
from .forms import (
    ApologiesForm,
    DeclarationForm,
    InviteForm,
    QuorumRuleForm,
    RecordForm,
    StatisticsForm,
    SubstituteForm,
    on_meeting_day,
)
from .models import Declaration, Invitation
from .rules import send_apologies_refusal, withdraw_apologies_refusal
from .statistics import attendance_statistics

FIELD_OF = {"status": "status", "arrived_at": "arrived", "left_at": "left"}
ROW_KEY = re.compile(r"^(status|arrived|left|revision)_\d+$")


def _row_keys(data) -> list[str]:
    return [key for key in data if ROW_KEY.match(key)]


def _officer_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = access.access_meeting(request.user, pk)
    if not access.is_committee_officer(request.user, meeting.committee):
        raise PermissionDenied
    return meeting


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


def invite(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair or clerk invites one person, or a guest for one item or part."""
    meeting = _officer_meeting(request, pk)
    items = selectors.item_labels(access.meeting_viewer(request.user, meeting))
    form = InviteForm(request.POST or None, items=items)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = meeting.items.filter(pk=data["agenda_item"]).first() if data["agenda_item"] else None
        try:
            invitation = services.invitation_add(
                meeting=meeting,
                by=request.user,
                person=data["person"],
                pseudonym=data["pseudonym"],
                agency=data["agency"],
                capacity=data["capacity"],
                agenda_item=item,
                note=data["note"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"{invitation.name} invited.")
            return redirect("attendance:meeting", pk=meeting.pk)
    listed = meeting.items.filter(pk__in=items, restricted=True)  # restricted titles in the form
    record_reads(request.user, listed, "attendance:invite")
    return render(
        request, "attendance/invite.html", {"meeting": meeting, "form": form}, status=status
    )


@require_POST
def invite_committee(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite the committee's chairs, secretariat and agency people in one go."""
    meeting = _officer_meeting(request, pk)
    try:
        created = services.invitations_generate(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{len(created)} people invited from the committee.")
    return redirect("attendance:meeting", pk=meeting.pk)


@require_POST
def invitation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take someone off the list before anything is recorded for them."""
    invitation = get_object_or_404(
        selectors.visible_invitations(request.user).select_related("meeting__committee"), pk=pk
    )
    try:
        services.invitation_remove(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{invitation.name} is no longer invited.")
    return redirect("attendance:meeting", pk=invitation.meeting_id)


def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every recorded change of the attendance the viewer may see."""
    meeting = access.access_meeting(request.user, pk)
    changes = selectors.attendance_history(request.user, meeting)
    record_reads(request.user, [change.invitation for change in changes], "attendance:history")
    return render(request, "attendance/history.html", {"meeting": meeting, "changes": changes})


def declarations(request: HttpRequest, pk: int) -> HttpResponse:
    """A meeting's declarations of interest; officers record anyone's, a person their own."""
    meeting = access.access_meeting(request.user, pk)
    is_officer = access.is_committee_officer(request.user, meeting.committee)
    invited = Invitation.objects.filter(meeting=meeting, person__isnull=False)
    people = User.objects.filter(id__in=invited.values("person_id")).order_by("full_name")
    if not is_officer:
        people = people.filter(pk=request.user.pk)
    items = selectors.item_labels(access.meeting_viewer(request.user, meeting))
    form = DeclarationForm(
        request.POST or None, people=people, items=items, initial={"person": request.user.pk}
    )
    status = 200
    if request.method == "POST":
        if not people.exists():
            raise PermissionDenied
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            item = (
                access.visible_agenda_items(request.user)
                .filter(meeting=meeting, pk=data["agenda_item"])
                .first()
                if data["agenda_item"]
                else None
            )
            try:
                services.declaration_add(
                    meeting=meeting,
                    by=request.user,
                    person=data["person"],
                    nature=data["nature"],
                    agenda_item=item,
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, "Declaration recorded.")
                return redirect("attendance:declarations", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "declarations": selectors.meeting_declarations(request.user, meeting),
        "items": items,
        "form": form,
        "can_declare": people.exists(),
        "is_officer": is_officer,
    }
    listed = meeting.items.filter(pk__in=items, restricted=True)  # restricted titles on the page
    record_reads(request.user, listed, "attendance:declarations")
    return render(request, "attendance/declarations.html", context, status=status)


@require_POST
def declaration_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a declaration recorded in error."""
    declaration = get_object_or_404(
        Declaration.objects.filter(
            meeting__in=access.visible_meetings(request.user).values("id")
        ).select_related("meeting__committee"),
        pk=pk,
    )
    if (
        declaration.agenda_item_id
        and not access.visible_agenda_items(request.user)
        .filter(pk=declaration.agenda_item_id)
        .exists()
    ):
        raise Http404("No such declaration.")  # a 403 would say it exists on a restricted item
    services.declaration_remove(declaration=declaration, by=request.user)
    messages.success(request, "Declaration withdrawn.")
    return redirect("attendance:declarations", pk=declaration.meeting_id)


@require_GET
def quorum(request: HttpRequest, pk: int) -> JsonResponse:
    """Whether the meeting is quorate now, for the page's live update."""
    meeting = access.access_meeting(request.user, pk)
    response = JsonResponse(selectors.quorum_status(meeting).as_dict())
    response["Cache-Control"] = "no-store"
    return response


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
