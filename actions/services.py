"""Writes for actions: who may do what, and the allowed status changes."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from agencies.models import Agency, Membership, User
from core import stored_files
from core.uploads import display_name, extension_of, sniff_upload, stored_name
from meetings import access
from meetings.models import AgendaItem, Committee, Meeting
from meetings.services import PAPER_TYPES, TEXT_TYPES

from . import notify
from .models import Action, ActionChange, ActionUpdate
from .ownership import check_owners

S = Action.Status
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
# Evidence is the letter or report that answers an action: the same kinds of file as a paper.
EVIDENCE_EXTENSIONS = sorted([*PAPER_TYPES, *TEXT_TYPES])

# Status changes an owner (or their agency's lead) may make; officers may make these and the
# ones below.
OWNER_MOVES: dict[str, set[str]] = {
    S.OPEN: {S.IN_PROGRESS, S.ONGOING, S.COMPLETED},
    S.IN_PROGRESS: {S.ONGOING, S.COMPLETED},
    S.ONGOING: {S.IN_PROGRESS, S.COMPLETED},
}
OFFICER_MOVES: dict[str, set[str]] = {
    S.OPEN: {S.DROPPED, S.CLOSED, S.NOT_POSSIBLE},
    S.IN_PROGRESS: {S.DROPPED, S.CLOSED, S.NOT_POSSIBLE},
    S.ONGOING: {S.DROPPED, S.CLOSED, S.NOT_POSSIBLE},
    S.COMPLETED: {S.CLOSED, S.IN_PROGRESS},
    S.CLOSED: {S.IN_PROGRESS},
    S.DROPPED: {S.OPEN},
    S.NOT_POSSIBLE: {S.OPEN},
}

# Called inside the transaction that assigns an action to a person or records one for an owner,
# with (action=, by=, event="assigned" | "recorded"): the owner's notifications (email and
# in-app, issue 14 point 3) register here and write their outbox rows in that transaction.
OWNER_SET_LISTENERS: list[Callable[..., None]] = []


def owner_set(action: Action, by: User, event: str) -> None:
    """Tell the registered listeners that a person now owns this action."""
    if action.owner_id is None:
        return
    for listen in OWNER_SET_LISTENERS:
        listen(action=action, by=by, event=event)


def bump_revision(action: Action) -> None:
    """Claim the action's next revision: an edit opened before this change is then stale."""
    Action.objects.filter(pk=action.pk).update(revision=F("revision") + 1)
    action.revision = Action.objects.values_list("revision", flat=True).get(pk=action.pk)


def role_in(user: User, agency: Agency) -> str | None:
    """This person's role in the agency, or None."""
    membership = Membership.objects.filter(user=user, agency=agency).first()
    return membership.role if membership else None


def is_officer(user: User, action: Action) -> bool:
    """Chairs and secretariat of the action's committee."""
    return access.is_committee_officer(user, action.committee)


ACTING_ROLES = (Membership.Role.LEAD, Membership.Role.MANAGER)


def can_assign(user: User, action: Action) -> bool:
    """The owning agency's lead or managers (escalations reach managers, so they must be able
    to act), or the committee's chairs and secretariat."""
    return is_officer(user, action) or role_in(user, action.owning_agency) in ACTING_ROLES


def can_update(user: User, action: Action) -> bool:
    """The owner, the owning agency's lead or managers, or an officer."""
    return action.owner_id == user.id or can_assign(user, action)


def allowed_moves(user: User, action: Action) -> set[str]:
    """The statuses this person may move the action to now."""
    moves: set[str] = set()
    if can_update(user, action):
        moves |= OWNER_MOVES.get(action.status, set())
    if is_officer(user, action):
        moves |= OFFICER_MOVES.get(action.status, set())
    return moves


def _next_reference(committee: Committee, restricted: bool = False) -> str:
    """The committee's next reference: "PCC-0007" in sequence, or a random one for an action of
    a restricted item, whose place in the sequence would show its existence by a gap.

    Called inside the create's transaction: the committee's row is locked until it commits, so
    two actions recorded at the same moment never draw the same number.
    """
    Committee.objects.select_for_update().only("pk").get(pk=committee.pk)
    prefix = committee.short_name.upper()
    if restricted:
        reference = f"{prefix}-R{secrets.token_hex(3).upper()}"
        while Action.objects.filter(reference=reference).exists():
            reference = f"{prefix}-R{secrets.token_hex(3).upper()}"
        return reference
    public = Action.objects.filter(committee=committee).exclude(agenda_item__restricted=True)
    number = public.count() + 1
    reference = f"{prefix}-{number:04d}"
    while Action.objects.filter(reference=reference).exists():
        number += 1
        reference = f"{prefix}-{number:04d}"
    return reference


@transaction.atomic
def action_create(
    *,
    by: User,
    committee: Committee,
    description: str,
    owning_agency: Agency,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    owner: User | None = None,
    co_agencies: list[Agency] | None = None,
    due_date: datetime.date | None = None,
    due_text: str = "",
    source: str = "",
    reference: str = "",
    status: str = S.OPEN,
) -> tuple[Action, list[str]]:
    """Record an action; only a committee's chairs and secretariat do. Returns the action and
    warnings (a due date in the past is allowed but flagged)."""
    if not access.is_committee_officer(by, committee):
        raise PermissionDenied("Only the chairs and secretariat record actions.")
    if agenda_item is not None:
        meeting = meeting or agenda_item.meeting
        if agenda_item.meeting_id != meeting.id:
            raise ValidationError({"agenda_item": "That item belongs to another meeting."})
    if meeting is not None and meeting.committee_id != committee.id:
        raise ValidationError({"meeting": "That meeting belongs to another committee."})
    if owner is not None and role_in(owner, owning_agency) is None:
        raise ValidationError({"owner": f"{owner} is not in {owning_agency}."})
    check_owners(
        agenda_item_id=agenda_item.pk if agenda_item else None,
        owning_agency=owning_agency,
        owner=owner,
        co_agencies=co_agencies or [],
    )
    action = Action(
        committee=committee,
        meeting=meeting,
        agenda_item=agenda_item,
        source=source,
        reference=reference
        or _next_reference(committee, agenda_item is not None and agenda_item.restricted),
        description=description,
        owning_agency=owning_agency,
        owner=owner,
        due_date=due_date,
        due_text=due_text,
        status=status,
        created_by=by,
    )
    action.full_clean()
    action.save()
    if co_agencies:
        action.co_agencies.set(co_agencies)
    owner_set(action, by, "recorded")
    notify.action_notify_owner(action=action, by=by, event=f"action-recorded:{action.pk}")
    warnings = []
    if due_date is not None and due_date < timezone.localdate():
        warnings.append("The due date is in the past, so the action is already overdue.")
    return action, warnings


@transaction.atomic
def action_assign(*, by: User, action: Action, owner: User | None) -> Action:
    """Give the action to a person of the owning agency (or take it back to unassigned)."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if not can_assign(by, action):
        raise PermissionDenied(
            "Only the agency's lead or managers, or the chair, assign its actions."
        )
    if owner is not None and role_in(owner, action.owning_agency) is None:
        raise ValidationError({"owner": f"{owner} is not in {action.owning_agency}."})
    check_owners(agenda_item_id=action.agenda_item_id, owner=owner)
    if owner == action.owner:
        return action
    old = action.owner
    action.owner = owner
    action.save(update_fields=["owner", "updated_at"])
    bump_revision(action)
    ActionChange.objects.create(
        action=action,
        author=by,
        field=ActionChange.Field.OWNER,
        old_value=old.full_name if old else "Unassigned",
        new_value=owner.full_name if owner else "Unassigned",
    )
    note = f"Assigned to {owner}." if owner else "Unassigned."
    update = ActionUpdate.objects.create(action=action, author=by, note=note)
    owner_set(action, by, "assigned")
    notify.action_notify_owner(action=action, by=by, event=f"action-assigned:{update.pk}")
    return action


def check_evidence(upload: UploadedFile) -> None:
    """Refuse evidence that is too large, empty, or whose content is not of an allowed type
    (the content is sniffed; the file name and the browser's word are not trusted)."""
    extension = extension_of(upload.name)
    sniff_upload(
        upload,
        extension,
        allowed=PAPER_TYPES,
        text=TEXT_TYPES,
        field="evidence",
        max_bytes=MAX_EVIDENCE_BYTES,
    )


def evidence_content_type(name: str) -> str:
    """The content type to serve stored evidence with, from its (sniffed at upload) extension."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in TEXT_TYPES:
        return TEXT_TYPES[extension]
    types = sorted(PAPER_TYPES.get(extension, ()), key=lambda mime: mime == "application/zip")
    return types[0] if types else "application/octet-stream"


@transaction.atomic
def action_update(
    *,
    by: User,
    action: Action,
    note: str = "",
    status: str | None = None,
    evidence: UploadedFile | None = None,
) -> ActionUpdate:
    """Record progress: a note, a status change the person may make, and evidence."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if not can_update(by, action):
        raise PermissionDenied("Only the owner, the agency's lead or the chair updates this.")
    if status is not None and status != action.status:
        if status not in allowed_moves(by, action):
            raise ValidationError(
                {
                    "status": f"An action that is {action.get_status_display().lower()} cannot "
                    f"be marked {S(status).label.lower()} by you."
                }
            )
    elif not note.strip() and evidence is None:
        raise ValidationError({"note": "Write a note, change the status or attach evidence."})
    if evidence is not None:
        check_evidence(evidence)
    update = ActionUpdate(
        action=action,
        author=by,
        note=note,
        status_from=action.status if status and status != action.status else "",
        status_to=status if status and status != action.status else "",
    )
    if evidence is not None:
        # Shown and downloaded under its own name, cleaned; stored under a random one.
        limit = ActionUpdate._meta.get_field("evidence_name").max_length or 200
        update.evidence_name = display_name(evidence.name, limit=limit, default="evidence")
        stored_files.store(update.evidence, stored_name(extension_of(evidence.name)), evidence)
    update.save()
    if update.status_to:
        action.status = update.status_to
        action.save(update_fields=["status", "updated_at"])
        bump_revision(action)
    return update


def mirror_item_restriction(item: AgendaItem, restricted: bool) -> None:
    """Keep Action.restricted equal to its agenda item's flag (registered in ActionsConfig):
    action lists then test a column instead of joining every action's item."""
    Action.objects.filter(agenda_item=item).update(restricted=restricted)
