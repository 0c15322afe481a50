"""Pages for committees, meetings and agendas. Thin: access, form, service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.services import record_reads
from core.forms import apply_service_errors, error_status

from . import access, selectors, services
from .forms import (
    AccessForm,
    ItemForm,
    MeetingForm,
    MoveForm,
    PaperForm,
    QuestionForm,
    RevisionForm,
    item_edit_form,
)
from .models import AgendaItem, Meeting
from .services import agenda_publish as publish_agenda
from .versions import agenda_rows_for, changes_for


def _officer_meeting(request: HttpRequest, pk: int) -> Meeting:
    """A meeting the person runs: 404 if they may not see it, 403 if they only see it."""
    return access.access_meeting(request.user, pk, to_run=True)


def _officer_item(request: HttpRequest, pk: int) -> AgendaItem:
    item = access.access_item(request.user, pk)
    if not access.is_committee_officer(request.user, item.meeting.committee):
        raise PermissionDenied
    return item


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


def meeting_create(request: HttpRequest, short_name: str) -> HttpResponse:
    """A chair or clerk creates a meeting; its agenda starts from the standing agenda."""
    committee = get_object_or_404(access.officer_committees(request.user), short_name=short_name)
    form = MeetingForm(request.POST or None, initial={"revision": 0})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                committee=committee,
                title=form.cleaned_data["title"],
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                location=form.cleaned_data["location"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Meeting created from the standing agenda.")
            return redirect("meetings:editor", pk=meeting.pk)
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
        "chairs": meeting.chairs.all(),
    }
    record_reads(request.user, [context["agenda"]], "meetings:meeting")
    return render(request, "meetings/meeting_detail.html", context)


def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the meeting's title, times or place."""
    meeting = _officer_meeting(request, pk)
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
    meeting = _officer_meeting(request, pk)
    return _render_editor(request, meeting)


def _render_editor(request, meeting: Meeting, form=None, status: int = 200) -> HttpResponse:
    agenda = selectors.agenda_for(access.meeting_viewer(request.user, meeting))
    parents = [(row.id, f"{row.number}. {row.label}") for row in agenda.rows if row.depth < 2]
    if form is None:
        form = ItemForm(
            meeting=meeting, parents=parents, initial={"revision": meeting.agenda_revision}
        )
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "form": form,
        "latest": meeting.versions.order_by("-number").first(),
        "can_hold": services.can_move(meeting, Meeting.Status.HELD),
        "can_cancel": services.can_move(meeting, Meeting.Status.CANCELLED),
    }
    record_reads(request.user, [agenda], request.resolver_match.view_name)
    return render(request, "meetings/agenda_editor.html", context, status=status)


@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an item to the agenda."""
    meeting = _officer_meeting(request, pk)
    parents = [
        (row.id, f"{row.number}. {row.label}")
        for row in selectors.agenda_for(access.meeting_viewer(request.user, meeting)).rows
        if row.depth < 2
    ]
    form = ItemForm(request.POST, meeting=meeting, parents=parents)
    if form.is_valid():
        data = dict(form.cleaned_data)
        parent_id = data.pop("parent")
        revision = data.pop("revision")
        parent = AgendaItem.objects.filter(meeting=meeting, pk=parent_id).first()
        try:
            services.item_create(meeting=meeting, expected_revision=revision, parent=parent, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
            return _render_editor(request, meeting, form, error_status(error))
        messages.success(request, f"Added “{data['title']}”.")
        return redirect("meetings:editor", pk=meeting.pk)
    return _render_editor(request, meeting, form, 400)


def _item_initial(item: AgendaItem) -> dict:
    return {
        "revision": item.meeting.agenda_revision,
        "title": item.title,
        "kind": item.kind,
        "description": item.description,
        "presenters": list(item.presenters.all()),
        "lead_agency": item.lead_agency,
        "planned_minutes": item.planned_minutes,
        "recommendation": item.recommendation,
    }


def _item_page(
    request, item: AgendaItem, *, form=None, paper_form=None, question_form=None, status=200
) -> HttpResponse:
    """The item page: its content form, its papers and its public questions."""
    meeting = item.meeting
    context = {
        "form": form or item_edit_form(None, meeting=meeting, initial=_item_initial(item)),
        "item": item,
        "meeting": meeting,
        "papers": item.papers.all(),
        "questions": item.questions.select_related("answered_by"),
        "paper_form": paper_form or PaperForm(),
        "question_form": question_form or QuestionForm(meeting=meeting),
    }
    record_reads(request.user, [item], request.resolver_match.view_name)
    return render(request, "meetings/item_form.html", context, status=status)


def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit one item's content."""
    item = _officer_item(request, pk)
    form = item_edit_form(request.POST or None, meeting=item.meeting, initial=_item_initial(item))
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        revision = data.pop("revision")
        try:
            services.item_update(item=item, expected_revision=revision, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
            status = error_status(error)
        else:
            messages.success(request, "Item saved.")
            return redirect("meetings:editor", pk=item.meeting_id)
    return _item_page(request, item, form=form, status=status)


@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an item up, down, in or out (buttons, so it works from the keyboard)."""
    item = _officer_item(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That move was not understood.")
        return redirect("meetings:editor", pk=item.meeting_id)
    try:
        services.item_move(
            item=item,
            expected_revision=form.cleaned_data["revision"],
            direction=form.cleaned_data["direction"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_editor(request, item.meeting, status=error_status(error))
    messages.success(request, f"Moved “{item.title}”.")
    return redirect(f"{_editor_url(item)}#item-{item.pk}")


def _editor_url(item: AgendaItem) -> str:
    return reverse("meetings:editor", kwargs={"pk": item.meeting_id})


@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove an item and its sub-items."""
    item = _officer_item(request, pk)
    form = RevisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That request was not understood.")
        return redirect("meetings:editor", pk=item.meeting_id)
    try:
        services.item_delete(item=item, expected_revision=form.cleaned_data["revision"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_editor(request, item.meeting, status=error_status(error))
    messages.success(request, f"Removed “{item.title}”.")
    return redirect("meetings:editor", pk=item.meeting_id)


def item_access(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose which agencies and people may see an item."""
    item = _officer_item(request, pk)
    agencies, users = services.item_grants(item)
    initial = {
        "revision": item.meeting.agenda_revision,
        "restricted": item.restricted,
        "agencies": agencies,
        "users": users,
    }
    form = AccessForm(request.POST or None, meeting=item.meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.item_restrict(
                item=item,
                expected_revision=data["revision"],
                restricted=data["restricted"],
                agencies=list(data["agencies"]),
                users=list(data["users"]),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Access saved.")
            return redirect("meetings:editor", pk=item.meeting_id)
    status = 200 if not form.is_bound else 400
    context = {"form": form, "item": item, "meeting": item.meeting}
    record_reads(request.user, [item], "meetings:item_access")
    return render(request, "meetings/item_access.html", context, status=status)


@require_POST
def paper_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a paper to an item."""
    item = _officer_item(request, pk)
    form = PaperForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.paper_add(
                item=item,
                upload=form.cleaned_data["upload"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Paper uploaded.")
            return redirect("meetings:item_edit", pk=item.pk)
    return _item_page(request, item, paper_form=form, status=400)


@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a public question on an item."""
    item = _officer_item(request, pk)
    form = QuestionForm(request.POST, meeting=item.meeting)
    if form.is_valid():
        services.question_add(item=item, **form.cleaned_data)
        messages.success(request, "Question added.")
        return redirect("meetings:item_edit", pk=item.pk)
    return _item_page(request, item, question_form=form, status=400)


def paper_download(request: HttpRequest, pk: int) -> FileResponse:
    """Download a paper of an item the person may see."""
    paper = get_object_or_404(selectors.visible_papers(request.user), pk=pk)
    record_reads(request.user, [paper], "meetings:paper")
    return FileResponse(
        paper.file.open("rb"),
        as_attachment=True,
        filename=paper.file.name.rsplit("/", 1)[-1],
        content_type=paper.content_type,
    )


@require_POST
def paper_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a paper."""
    paper = get_object_or_404(
        selectors.visible_papers(request.user).select_related("item__meeting__committee"), pk=pk
    )
    if not access.is_committee_officer(request.user, paper.item.meeting.committee):
        raise PermissionDenied
    services.paper_delete(paper=paper)
    messages.success(request, "Paper removed.")
    return redirect("meetings:item_edit", pk=paper.item_id)


@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel the meeting."""
    return _meeting_move(request, pk, services.meeting_cancel, "The meeting is cancelled.")


@require_POST
def meeting_mark_held(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the meeting as held: it took place, and its minutes come next."""
    done = "The meeting is marked as held. Record its attendance and write its minutes next."
    return _meeting_move(request, pk, services.meeting_mark_held, done)


def _meeting_move(request: HttpRequest, pk: int, move, done: str) -> HttpResponse:
    meeting = _officer_meeting(request, pk)
    form = RevisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("That request was not understood.")
        move(meeting=meeting, expected_revision=form.cleaned_data["revision"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_editor(request, meeting, status=error_status(error))
    messages.success(request, done)
    return redirect(meeting.get_absolute_url())


@require_POST
def agenda_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the agenda as a new version and tell the invitees."""
    meeting = _officer_meeting(request, pk)
    try:
        version = publish_agenda(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:editor", pk=meeting.pk)
    messages.success(
        request, f"Agenda version {version.number} published; invitees are being emailed."
    )
    return redirect("meetings:versions", pk=meeting.pk)


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
