"""Declarations of interest, on one item or on the meeting's business."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from agencies.models import User
from meetings import access
from meetings.models import AgendaItem, Meeting

from ..models import Declaration, Invitation
from .common import (
    check_open,
)

MAX_NATURE = 2000


@transaction.atomic
def declaration_add(
    *,
    meeting: Meeting,
    by: User,
    person: User,
    nature: str,
    agenda_item: AgendaItem | None = None,
) -> Declaration:
    """Record a declaration of interest, on one item or on the meeting's business; by the chair,
    the secretariat or the person declaring."""
    is_officer = access.is_committee_officer(by, meeting.committee)
    if not is_officer and by.pk != person.pk:
        raise PermissionDenied("Only the person declaring, the chair or the clerk can record it.")
    check_open(meeting)
    nature = (nature or "").strip()
    if not nature:
        raise ValidationError({"nature": "Enter the interest being declared."})
    if len(nature) > MAX_NATURE:
        raise ValidationError({"nature": f"Keep the declaration under {MAX_NATURE} characters."})
    if not Invitation.objects.filter(meeting=meeting, person=person).exists():
        raise ValidationError(
            {"person": f"{person.full_name} is not invited to this meeting; invite them first."}
        )
    if agenda_item is not None:
        visible = access.visible_agenda_items(by).filter(pk=agenda_item.pk, meeting=meeting)
        if not visible.exists():
            raise ValidationError({"agenda_item": "Choose an item of this meeting."})
    declaration = Declaration(
        meeting=meeting, person=person, agenda_item=agenda_item, nature=nature, recorded_by=by
    )
    declaration.full_clean()
    declaration.save()
    return declaration


@transaction.atomic
def declaration_remove(*, declaration: Declaration, by: User) -> None:
    """Withdraw a declaration recorded in error (the chair, the clerk or the person)."""
    if by.pk != declaration.person_id and not access.is_committee_officer(
        by, declaration.meeting.committee
    ):
        raise PermissionDenied("Only the person who declared, the chair or the clerk can do that.")
    declaration.delete()
