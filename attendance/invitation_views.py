"""Invitations and declarations of interest: who is invited to a meeting, and what they declare.

Inviting is for the chair and secretariat; a declaration on an item the viewer may not see is
left out entirely.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from agencies.models import User
from audit.services import record_reads
from core.forms import apply_service_errors
from core.once import once, submit_once
from meetings import access

from . import selectors, services
from .forms import (
    DeclarationForm,
    InviteForm,
)
from .models import Declaration, Invitation


@submit_once
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair or clerk invites one person, or a guest for one item or part."""
    meeting = access.access_meeting(request.user, pk, to_run=True)
    items = selectors.item_labels(access.meeting_viewer(request.user, meeting))
    form = InviteForm(request.POST or None, items=items)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = meeting.items.filter(pk=data["agenda_item"]).first() if data["agenda_item"] else None
        common = {
            "meeting": meeting,
            "by": request.user,
            "agency": data["agency"],
            "capacity": data["capacity"],
            "agenda_item": item,
            "note": data["note"],
        }
        try:
            with once(request) as claim:
                if form.adds_new_person:
                    invitation = services.invitation_add_new_person(
                        full_name=data["new_name"], email=data["new_email"], **common
                    )
                else:
                    invitation = services.invitation_add(
                        person=data["person"], pseudonym=data["pseudonym"], **common
                    )
                done = claim.redirect("attendance:meeting", pk=meeting.pk)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            added = (
                f" They have been sent a link to choose a password at {invitation.person.email}."
                if form.adds_new_person and invitation.person
                else ""
            )
            messages.success(request, f"{invitation.name} invited.{added}")
            return done
    listed = meeting.items.filter(pk__in=items, restricted=True)  # restricted titles in the form
    record_reads(request.user, listed, "attendance:invite")
    return render(
        request, "attendance/invite.html", {"meeting": meeting, "form": form}, status=status
    )


@require_POST
def invite_committee(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite the committee's chairs, secretariat and agency people in one go."""
    meeting = access.access_meeting(request.user, pk, to_run=True)
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


@submit_once
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
                with once(request) as claim:
                    services.declaration_add(
                        meeting=meeting,
                        by=request.user,
                        person=data["person"],
                        nature=data["nature"],
                        agenda_item=item,
                    )
                    done = claim.redirect("attendance:declarations", pk=meeting.pk)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, "Declaration recorded.")
                return done
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
