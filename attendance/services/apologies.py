"""Apologies sent, and withdrawn, by the invited person ahead of the meeting."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from agencies.models import User

from ..models import Invitation
from ..rules import recorder_for, send_apologies_refusal, withdraw_apologies_refusal
from .common import (
    Status,
    locked,
    log_change,
)
from .recording import attendance_record


@transaction.atomic
def apologies_send(*, invitation: Invitation, by: User, note: str = "") -> Invitation:
    """A person sends their own apologies ahead of the meeting (or a recorder records them)."""
    invitation = locked(invitation)
    recorder = recorder_for(by, invitation.meeting)
    if not recorder.is_self(invitation):
        return attendance_record(invitation=invitation, by=by, status=Status.APOLOGIES, note=note)
    refusal = send_apologies_refusal(invitation, now=timezone.now())
    if refusal:
        raise ValidationError(refusal)
    if invitation.status == Status.APOLOGIES:
        return invitation
    invitation.status = Status.APOLOGIES
    details = {}
    if note.strip() and note.strip() != invitation.note:
        details["note"] = [invitation.note, note.strip()]
        invitation.note = note.strip()
    invitation.revision += 1
    invitation.save()
    log_change(invitation, by, Status.EXPECTED, details)
    return invitation


@transaction.atomic
def apologies_withdraw(*, invitation: Invitation, by: User) -> Invitation:
    """A person takes back apologies they sent, before the meeting starts."""
    invitation = locked(invitation)
    if not recorder_for(by, invitation.meeting).is_self(invitation):
        raise PermissionDenied("Only the person who sent apologies can withdraw them.")
    refusal = withdraw_apologies_refusal(
        invitation, now=timezone.now(), substituted=invitation.substitutes.exists()
    )
    if refusal:
        raise ValidationError(refusal)
    invitation.status = Status.EXPECTED
    invitation.revision += 1
    invitation.save()
    log_change(invitation, by, Status.APOLOGIES)
    return invitation
