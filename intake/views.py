"""The import page for a committee's chairs and clerks: upload, preview, confirm; and the
template to fill in. Thin: the committee goes through meetings.access, the import through
intake's services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from agencies.http import SignedInRequest
from audit.models import ImportRecord
from core.csv import FormulaSafeCSV
from core.marking import official
from core.once import once, submit_once
from core.uploads import display_name
from meetings import access
from meetings.models import Committee

from . import previews
from .action_rows import Plan, plan_actions
from .forms import ConfirmForm, UploadForm
from .reading import MAX_BYTES, MAX_ROWS, FileRefused, read_table
from .services import ImportRefused, actions_import

TEMPLATE_HEADER = ["Ref", "Action", "Action by", "Owner", "Deadline", "Status", "Update",
                   "Meeting date", "Item"]  # fmt: skip
TEMPLATE_EXAMPLE = ["12", "Write to the Committee with the number of officers trained", "MPS", "",
                    "By March 2015", "Open", "", "08/01/2015", ""]  # fmt: skip


def _committee(request: SignedInRequest, short_name: str) -> Committee:
    """The committee, for its chairs and clerks: 404 for those it is not shown to, 403 for
    its other partners."""
    committee = get_object_or_404(access.partner_committees(request.user), short_name=short_name)
    if not access.is_committee_officer(request.user, committee):
        raise PermissionDenied("Only the committee's chairs and secretariat import its actions.")
    return committee


def _preview(
    request: SignedInRequest, committee: Committee, plan: Plan, token: str, status: int = 200,
    problem: str = "",
) -> HttpResponse:  # fmt: skip
    context = {
        "committee": committee,
        "plan": plan,
        "token": token,
        "problem": problem,
        "creates": plan.count("create"),
        "exists": plan.count("exists"),
        "refused": len(plan.errors),
    }
    return render(request, "intake/preview.html", context, status=status)


def actions_upload(request: SignedInRequest, short_name: str) -> HttpResponse:
    """Upload an action log and see what importing it would do."""
    committee = _committee(request, short_name)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    context = {"committee": committee, "form": form, "max_mb": MAX_BYTES // (1024 * 1024),
               "max_rows": MAX_ROWS}  # fmt: skip
    if request.method != "POST":
        return render(request, "intake/upload.html", context)
    if form.is_valid():
        upload = form.cleaned_data["upload"]
        name = display_name(upload.name, default="upload")
        try:
            if upload.size > MAX_BYTES:
                raise FileRefused(f"The file must be smaller than {MAX_BYTES // (1024 * 1024)} MB.")
            data = upload.read()
            table = read_table(data, name)
        except FileRefused as error:
            form.add_error("upload", str(error))
        else:
            plan = plan_actions(table, committee=committee, by=request.user)
            if plan.missing:
                form.add_error(
                    "upload",
                    f"The file has no column for {' or '.join(plan.missing)}: name the columns "
                    "in row 1 as in the template.",
                )
            else:
                token = previews.keep(request.session, data=data, committee_id=committee.pk,
                                      file_name=name, digest=plan.digest())  # fmt: skip
                return _preview(request, committee, plan, token)
    return render(request, "intake/upload.html", context, status=400)


@require_POST
@submit_once
def actions_confirm(request: SignedInRequest, short_name: str) -> HttpResponse:
    """Import exactly the previewed file, if it would still do what the preview said."""
    committee = _committee(request, short_name)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        raise BadRequest("This page was damaged or out of date: upload the file again.")
    preview = previews.find(request.session, form.cleaned_data["token"], committee.pk)
    if preview is None:
        raise BadRequest("This preview has expired or was already imported: upload the file again.")
    plan = plan_actions(read_table(preview.read(), preview.file_name), committee=committee,
                        by=request.user)  # fmt: skip
    if plan.digest() != preview.digest:
        token = previews.keep(request.session, data=preview.read(), committee_id=committee.pk,
                              file_name=preview.file_name, digest=plan.digest())  # fmt: skip
        previews.forget(request.session, preview)
        changed = (
            "What this file would do has changed since your preview (agencies, people or "
            "actions changed meanwhile). Check the new preview, then confirm again."
        )
        return _preview(request, committee, plan, token, status=409, problem=changed)
    skip = form.cleaned_data["skip_invalid"]
    try:
        with once(request) as claim:
            result = actions_import(plan=plan, committee=committee, by=request.user,
                                    file_name=preview.file_name, skip_invalid=skip,
                                    via=ImportRecord.Via.PAGE)  # fmt: skip
            register = reverse("actions:register") + f"?scope=all&committee={committee.short_name}"
            done = claim.redirect(register)
    except ImportRefused:
        problem = "Some rows cannot be imported, so nothing was imported. See the rows below."
        return _preview(request, committee, plan, preview.token, status=400, problem=problem)
    previews.forget(request.session, preview)
    messages.success(
        request,
        f"Imported {preview.file_name}: {result.created} actions created, {result.unchanged} "
        f"already there, {len(result.refused)} rows left out.",
    )
    return done


@require_safe
def actions_template(request: SignedInRequest) -> HttpResponse:
    """A CSV to fill in: the columns the import reads, and one example row."""
    # No stored text in it: a template to fill in carries nothing restricted.
    response = FormulaSafeCSV("action-log-template.csv", TEMPLATE_HEADER, marking=official())
    response.writerow(TEMPLATE_EXAMPLE)
    return response
