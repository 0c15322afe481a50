"""An agenda item's own page: editing it, who may see it, its papers and public questions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.services import record_reads
from core.forms import apply_service_errors, error_status
from core.once import once, submit_once

from . import access, consequences, selectors, services
from .confirm_views import confirm_page, confirmed
from .forms import (
    AccessForm,
    PaperForm,
    QuestionForm,
    item_edit_form,
)
from .models import AgendaItem


def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit one item's content."""
    item = access.access_item(request.user, pk, to_run=True)
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


def item_access(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose which agencies and people may see an item."""
    item = access.access_item(request.user, pk, to_run=True)
    agencies, users = services.item_grants(item)
    initial = {
        "revision": item.meeting.agenda_revision,
        "restricted": item.restricted,
        "exempt_paragraph": item.exempt_paragraph,
        "agencies": agencies,
        "users": users,
    }
    form = AccessForm(request.POST or None, meeting=item.meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        revoked = _revoked(item, agencies, users, data)
        if any(revoked) and not confirmed(request):
            return _confirm_revoke(request, item, revoked, data)
        try:
            services.item_restrict(
                item=item,
                expected_revision=data["revision"],
                restricted=data["restricted"],
                agencies=list(data["agencies"]),
                users=list(data["users"]),
                exempt_paragraph=data.get("exempt_paragraph"),
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
@submit_once
def paper_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a paper to an item."""
    item = access.access_item(request.user, pk, to_run=True)
    form = PaperForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            with once(request) as claim:
                services.paper_add(
                    item=item,
                    upload=form.cleaned_data["upload"],
                    title=form.cleaned_data["title"],
                    by=request.user,
                    is_background=form.cleaned_data["is_background"],
                )
                done = claim.redirect("meetings:item_edit", pk=item.pk)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Paper uploaded.")
            return done
    return _item_page(request, item, paper_form=form, status=400)


@require_POST
@submit_once
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a public question on an item."""
    item = access.access_item(request.user, pk, to_run=True)
    form = QuestionForm(request.POST, meeting=item.meeting)
    if form.is_valid():
        with once(request) as claim:
            services.question_add(item=item, **form.cleaned_data)
            done = claim.redirect("meetings:item_edit", pk=item.pk)
        messages.success(request, "Question added.")
        return done
    return _item_page(request, item, question_form=form, status=400)


def paper_download(request: HttpRequest, pk: int) -> FileResponse:
    """Download a paper of an item the person may see."""
    paper = get_object_or_404(selectors.visible_papers(request.user), pk=pk)
    record_reads(request.user, [paper], "meetings:paper")
    return FileResponse(
        paper.file.open("rb"),
        as_attachment=True,
        filename=services.paper_file_name(paper),
        content_type=paper.content_type,
    )


def _revoked(item: AgendaItem, agencies: list, users: list, data: dict) -> tuple[list, list]:
    """The agencies and people a restricted item's new grants leave out (opening it to all
    revokes nothing)."""
    if not (item.restricted and data["restricted"]):
        return [], []
    keep_agencies, keep_users = set(data["agencies"]), set(data["users"])
    return (
        [agency for agency in agencies if agency not in keep_agencies],
        [user for user in users if user not in keep_users],
    )


def _confirm_revoke(request: HttpRequest, item: AgendaItem, revoked: tuple, data: dict):
    """The page that says who loses sight of the item, carrying everything chosen."""
    record_reads(request.user, [item], "meetings:item_access")
    hidden: list[tuple[str, object]] = [("revision", data["revision"])]
    if data["restricted"]:
        hidden.append(("restricted", "on"))
    if data.get("exempt_paragraph") is not None:
        hidden.append(("exempt_paragraph", data["exempt_paragraph"]))
    hidden += [("agencies", agency.pk) for agency in data["agencies"]]
    hidden += [("users", user.pk) for user in data["users"]]
    return confirm_page(
        request,
        meeting=item.meeting,
        heading=f"Take away access to “{item.title}”?",
        lines=consequences.grant_revoke(item, *revoked),
        button="Yes, save the new access",
        back=reverse("meetings:item_access", kwargs={"pk": item.pk}),
        hidden=hidden,
    )
