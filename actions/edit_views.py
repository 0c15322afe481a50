"""The page that edits an action (wording, owner, agency, deadline), with optimistic locking."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render

from agencies.http import SignedInRequest
from audit.services import record_reads
from core.forms import apply_service_errors, error_status
from core.once import once, submit_once

from .edit_forms import ActionEditForm
from .editing import action_edit, editable_fields
from .new_owner import NEW_OWNER_ERRORS, refuse_new_owner_unless
from .services import is_officer
from .visibility import access_action


@submit_once
def edit(request: SignedInRequest, pk: int) -> HttpResponse:
    """Chairs and clerks edit an action (and may add its owner as a new colleague); the
    owning agency's lead its owner and deadline."""
    action = access_action(request.user, pk)
    editable = editable_fields(request.user, action)
    if not editable:
        raise PermissionDenied
    may_add = is_officer(request.user, action)
    refuse_new_owner_unless(may_add, request.POST)
    form = ActionEditForm(
        request.POST or None,
        action=action,
        editable=editable,
        may_add=may_add,
        initial=ActionEditForm.initial_for(action),
    )
    status = 200
    revision = action.revision
    asks_past = False
    if request.method == "POST":
        status = 400
        if form.is_valid() and form.asks_past_due():
            status, asks_past = 200, True
        elif form.is_valid():
            changes = form.changes()
            agency = changes.get("owning_agency") or action.owning_agency
            try:
                # A new colleague is added in one transaction with the edit: all or nothing.
                with once(request) as claim:
                    if form.adds_new_owner:
                        changes["owner"] = form.chosen_owner(agency=agency, by=request.user)
                    _, warnings = action_edit(
                        by=request.user,
                        action=action,
                        expected_revision=form.cleaned_data["revision"],
                        **changes,
                    )
                    done = claim.redirect(action.get_absolute_url())
            except ValidationError as error:
                apply_service_errors(form, error, names=NEW_OWNER_ERRORS)
                status = error_status(error)
            else:
                messages.success(request, f"Changes to {action.reference} saved.")
                for warning in warnings:
                    messages.warning(request, warning)
                return done
        if status != 409:
            # Keep the revision the person saw: a change made meanwhile is still caught.
            revision = form.data.get("revision", revision)
    record_reads(request.user, [action], "actions:edit")
    context = {"action": action, "form": form, "revision": revision, "asks_past": asks_past}
    return render(request, "actions/action_edit.html", context, status=status)
