"""Pages for committees, meetings and agendas. Thin: access, form, service, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.services import record_reads
from core.fields import MAX_ID
from core.forms import apply_service_errors, error_status
from core.once import once, submit_once

from . import access, audience, selectors, services
from .clock import clock_for
from .forms import (
    MOVE_DIRECTIONS,
    ItemForm,
    MeetingForm,
    MoveForm,
    RevisionForm,
    UrgencyForm,
)
from .models import AgendaItem, Meeting
from .services import agenda_publish as publish_agenda
from .versions import agenda_rows_for, changes_for


def committee_list(request: HttpRequest) -> HttpResponse:
    """The committees this person is a partner of."""
    return render(
        request,
        "meetings/committee_list.html",
        {"committees": selectors.committee_list(request.user)},
    )


def committee_detail(request: HttpRequest, short_name: str) -> HttpResponse:
    """A committee with its upcoming and past meetings."""
    committee = get_object_or_404(
        access.partner_committees(request.user).select_related("host"), short_name=short_name
    )
    upcoming, past = selectors.committee_meetings(request.user, committee)
    context = {
        "committee": committee,
        "upcoming": upcoming,
        "past": past,
        "is_officer": access.is_committee_officer(request.user, committee),
    }
    return render(request, "meetings/committee_detail.html", context)


@submit_once
def meeting_create(request: HttpRequest, short_name: str) -> HttpResponse:
    """A chair or clerk creates a meeting; its agenda starts from the standing agenda."""
    committee = get_object_or_404(access.officer_committees(request.user), short_name=short_name)
    form = MeetingForm(request.POST or None, initial={"revision": 0})
    if request.method == "POST" and form.is_valid() and form.asks_past():
        context = {"form": form, "committee": committee, "asks_past": True}
        return render(request, "meetings/meeting_form.html", context)
    if request.method == "POST" and form.is_valid():
        try:
            with once(request) as claim:
                meeting = services.meeting_create(
                    committee=committee,
                    title=form.cleaned_data["title"],
                    starts_at=form.cleaned_data["starts_at"],
                    ends_at=form.cleaned_data["ends_at"],
                    location=form.cleaned_data["location"],
                )
                done = claim.redirect("meetings:editor", pk=meeting.pk)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Meeting created from the standing agenda.")
            return done
    status = 400 if form.is_bound else 200
    context = {"form": form, "committee": committee}
    return render(request, "meetings/meeting_form.html", context, status=status)


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting and its agenda with timings, as this person may see it."""
    meeting = access.access_meeting(request.user, pk)
    context = {
        "meeting": meeting,
        "agenda": selectors.agenda_for(access.meeting_viewer(request.user, meeting)),
        "is_officer": access.is_committee_officer(request.user, meeting.committee),
        "cancelled": meeting.status == Meeting.Status.CANCELLED,
        "chairs": meeting.chairs.all(),
    }
    record_reads(request.user, [context["agenda"]], "meetings:meeting")
    return render(request, "meetings/meeting_detail.html", context)


def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the meeting's title, times or place."""
    meeting = access.access_meeting(request.user, pk, to_run=True)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_update(
                meeting=meeting,
                expected_revision=data["revision"],
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                location=data["location"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return _render_form(request, form, meeting, error_status(error))
        messages.success(request, "Meeting saved.")
        return redirect("meetings:editor", pk=meeting.pk)
    return _render_form(request, form, meeting, 400 if form.is_bound else 200)


def _render_form(request, form, meeting: Meeting, status: int) -> HttpResponse:
    context = {"form": form, "committee": meeting.committee, "meeting": meeting}
    return render(request, "meetings/meeting_form.html", context, status=status)


def agenda_editor(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair's agenda editor: every item, with buttons to edit, move and remove it."""
    meeting = access.access_meeting(request.user, pk, to_run=True)
    return render_editor(request, meeting)


# (direction, button label, the rest of its accessible name after "item N")
MOVES = [
    ("up", "Move up", ""),
    ("down", "Move down", ""),
    ("in", "Indent", " under the item above"),
    ("out", "Outdent", ""),
]


def _choices(agenda: selectors.Agenda) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(parents, after): the items a new item may go under, and those it may follow."""
    labels = [(row.id, f"{row.number}. {row.label}", row.depth) for row in agenda.rows]
    return [(i, label) for i, label, depth in labels if depth < 2], [(i, s) for i, s, _ in labels]


def _query_int(request: HttpRequest, name: str) -> int | None:
    """An id from the query string, read by a form field (hand parsing took "²" for a digit);
    these only place the focus or a default, so a bad one is ignored."""
    field = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    try:
        return field.clean(request.GET.get(name))
    except ValidationError:
        return None


def render_editor(
    request,
    meeting: Meeting,
    form=None,
    status: int = 200,
    typed: dict | None = None,
    urgency: UrgencyForm | None = None,
) -> HttpResponse:
    """The agenda editor page (also behind refusals of the pages that change the agenda)."""
    agenda = selectors.agenda_for(access.meeting_viewer(request.user, meeting))
    parents, after = _choices(agenda)
    if form is None:
        initial = {"revision": meeting.agenda_revision}
        wanted = _query_int(request, "after")
        if wanted in {pk for pk, _ in after}:
            initial["after"] = wanted
        form = ItemForm(meeting=meeting, parents=parents, after=after, initial=initial)
    via = request.GET.get("via", "")
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "form": form,
        # The moved item's control gets the focus back after the reload (keyboard users).
        "moved": _query_int(request, "moved"),
        "keep_focus": _query_int(request, "moved") is not None,  # the banner must not take it
        "via": via if via in MOVE_DIRECTIONS else "",
        "moves": MOVES,
        "typed": typed or {},
        "latest": meeting.versions.order_by("-number").first(),
        "invited_count": audience.invited_people(meeting).count(),
        "can_hold": services.can_move(meeting, Meeting.Status.HELD),
        "can_cancel": services.can_move(meeting, Meeting.Status.CANCELLED),
        "cancelled": meeting.status == Meeting.Status.CANCELLED,
        "clock": clock_for(meeting),
        "pending_questions": meeting.public_questions.filter(status="pending").count()
        if meeting.committee.is_public
        else None,
        "urgency": urgency or UrgencyForm(),
    }
    record_reads(request.user, [agenda], request.resolver_match.view_name)
    return render(request, "meetings/agenda_editor.html", context, status=status)


@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an item to the agenda."""
    meeting = access.access_meeting(request.user, pk, to_run=True)
    parents, after = _choices(selectors.agenda_for(access.meeting_viewer(request.user, meeting)))
    form = ItemForm(request.POST, meeting=meeting, parents=parents, after=after)
    if form.is_valid():
        data = dict(form.cleaned_data)
        parent_id, after_id = data.pop("parent"), data.pop("after")
        revision = data.pop("revision")
        items = AgendaItem.objects.filter(meeting=meeting)
        parent = items.filter(pk=parent_id).first() if parent_id else None
        follows = items.filter(pk=after_id).first() if after_id else None
        try:
            item = services.item_create(
                meeting=meeting, expected_revision=revision, parent=parent, after=follows, **data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return render_editor(request, meeting, form, error_status(error))
        messages.success(request, f"Added “{data['title']}”.")
        return redirect(f"{_editor_url(item)}#item-{item.pk}")
    return render_editor(request, meeting, form, 400)


@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an item up, down, in or out (buttons, so it works from the keyboard)."""
    item = access.access_item(request.user, pk, to_run=True)
    form = MoveForm(request.POST)
    # A refused move shows the page again with what was typed in the item's position box.
    typed = {"id": item.pk, "position": request.POST.get("position", "")}
    if not form.is_valid():
        errors = [str(e) for field in form.errors.values() for e in field]
        messages.error(request, " ".join(errors) or "That move was not understood.")
        return render_editor(request, item.meeting, status=400, typed=typed)
    direction, position = form.cleaned_data["direction"], form.cleaned_data["position"]
    try:
        services.item_move(
            item=item,
            expected_revision=form.cleaned_data["revision"],
            direction=direction,
            position=None if position is None else position - 1,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render_editor(request, item.meeting, status=error_status(error), typed=typed)
    messages.success(request, f"Moved “{item.title}”.")
    # No #item- fragment: a page opened at a fragment skips autofocus, which brings the focus
    # (and the scroll) back to the moved item's control.
    query = urlencode({"moved": item.pk, "via": direction})
    return redirect(f"{_editor_url(item)}?{query}")


def _editor_url(item: AgendaItem) -> str:
    return reverse("meetings:editor", kwargs={"pk": item.meeting_id})


@require_POST
def meeting_mark_held(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the meeting as held: it took place, and its minutes come next."""
    done = "The meeting is marked as held. Record its attendance and write its minutes next."
    return _meeting_move(request, pk, services.meeting_mark_held, done)


def _meeting_move(request: HttpRequest, pk: int, move, done: str) -> HttpResponse:
    meeting = access.access_meeting(request.user, pk, to_run=True)
    form = RevisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("That request was not understood.")
        move(meeting=meeting, expected_revision=form.cleaned_data["revision"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render_editor(request, meeting, status=error_status(error))
    messages.success(request, done)
    return redirect(meeting.get_absolute_url())


@require_POST
@submit_once
def agenda_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the agenda as a new version and send it to everyone invited (inviting the
    committee first when nobody is, unless the clerk chose to invite people later)."""
    meeting = access.access_meeting(request.user, pk, to_run=True)
    choice = request.POST.get("audience", "committee")
    urgency = UrgencyForm(request.POST)
    if choice not in ("committee", "later") or not urgency.is_valid():
        refused = urgency.errors.get("late_reason") or ["Choose who the agenda goes to."]
        messages.error(request, " ".join(refused))
        return render_editor(request, meeting, status=400, urgency=urgency)
    try:
        with once(request) as claim:
            version = publish_agenda(
                meeting=meeting,
                by=request.user,
                invite_committee=choice == "committee",
                late_reason=urgency.cleaned_data["late_reason"],
            )
            done = claim.redirect("meetings:versions", pk=meeting.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        if any(e.code == "late" for e in error.error_list):
            return render_editor(request, meeting, status=400, urgency=urgency)
        return redirect("meetings:editor", pk=meeting.pk)
    sent_to = version.notices.count()
    if sent_to:
        people = "person" if sent_to == 1 else "people"
        told = f"it is being emailed to {sent_to} {people} (those invited and the managers)."
    else:
        told = "nobody is invited yet: each person you invite is sent the agenda."
    messages.success(request, f"Agenda version {version.number} published; {told}")
    return done


def version_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The published versions of an agenda, with what changed in each (as this person may
    see it)."""
    meeting = access.access_meeting(request.user, pk)
    versions = [
        (version, changes_for(version, request.user))
        for version in selectors.meeting_versions(meeting)
    ]
    context = {"meeting": meeting, "versions": versions}
    shown = selectors.ShownVersionRows.of_changes(c for _, changes in versions for c in changes)
    record_reads(request.user, [shown], "meetings:versions")
    return render(request, "meetings/version_list.html", context)


def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """One published version of the agenda, as this person may see it."""
    meeting = access.access_meeting(request.user, pk)
    version = get_object_or_404(meeting.versions, number=number)
    context = {
        "meeting": meeting,
        "version": version,
        "rows": agenda_rows_for(version, request.user),
    }
    record_reads(request.user, [selectors.ShownVersionRows(context["rows"])], "meetings:version")
    return render(request, "meetings/version_detail.html", context)
