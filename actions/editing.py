"""Editing an action after it was recorded, every change kept in its visible history.

The chairs and secretariat edit the wording, owning agency, owner and deadline; the owning
agency's lead edits the owner and the deadline; its managers the owner (they assign). Each
changed field becomes an ActionChange (old and new as shown, who, when). An edit of a stale copy
(the action changed since the form was opened) is refused with a conflict, keeping what was typed.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Membership, User

from .models import Action, ActionChange
from .notify import action_notify_owner
from .ownership import check_owners
from .services import bump_revision, is_officer, owner_set, role_in

F = ActionChange.Field
DEADLINE = {F.DUE_DATE, F.DUE_TEXT}
EVERYTHING = {F.DESCRIPTION, F.OWNING_AGENCY, F.OWNER, *DEADLINE}


class StaleAction(ValidationError):
    """The action changed since the person opened the form."""

    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this action since you opened it. Your changes have not been "
            "saved; they are still in the form below. Check the action above and save again.",
            code="stale",
        )


def editable_fields(user: User, action: Action) -> set[str]:
    """The fields of the action this person may edit (none: they may not edit it)."""
    if is_officer(user, action):
        return set(EVERYTHING)
    role = role_in(user, action.owning_agency)
    if role == Membership.Role.LEAD:
        return {F.OWNER, *DEADLINE}
    if role == Membership.Role.MANAGER:
        return {F.OWNER}
    return set()


def _shown(field: str, value: Any) -> str:
    """A value as the history shows it."""
    if value is None or value == "":
        empty: dict[str, str] = {F.OWNER: "Unassigned", F.DUE_DATE: "None"}
        return empty.get(field, "")
    if isinstance(value, Agency):
        return value.name
    if isinstance(value, User):
        return value.full_name or value.email
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


@transaction.atomic
def action_edit(
    *, by: User, action: Action, expected_revision: int | None, **changes: Any
) -> tuple[Action, list[str]]:
    """Change some of description, owning_agency, owner, due_date and due_text; returns the
    action and warnings. Fields not given are left alone; fields the person may not edit are
    refused (403) when they differ."""
    action = (
        Action.objects.select_for_update(of=("self",))
        .select_related("owning_agency", "owner", "committee")
        .get(pk=action.pk)
    )
    allowed = editable_fields(by, action)
    if not allowed:
        raise PermissionDenied("Only the chair, the secretariat or the agency's lead edit this.")
    if expected_revision is not None and expected_revision != action.revision:
        raise StaleAction()
    unknown = set(changes) - EVERYTHING
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    changed = {f: v for f, v in changes.items() if getattr(action, f) != v}
    refused = set(changed) - allowed
    if refused:
        raise PermissionDenied("You may not change " + ", ".join(F(f).label for f in refused))
    if F.DESCRIPTION in changed and not str(changed[F.DESCRIPTION]).strip():
        raise ValidationError({F.DESCRIPTION: "Enter what was agreed."})
    agency = changed.get(F.OWNING_AGENCY, action.owning_agency)
    owner = changed.get(F.OWNER, action.owner)
    if owner is not None and role_in(owner, agency) is None:
        raise ValidationError(
            {
                F.OWNER: f"{owner.full_name or owner.email} is not in {agency.name}. Choose "
                "someone from the owning agency or leave it unassigned."
            }
        )
    check_owners(
        agenda_item_id=action.agenda_item_id,
        owning_agency=agency if F.OWNING_AGENCY in changed else None,
        owner=owner if F.OWNER in changed else None,
    )
    if not changed:
        return action, []
    for field, value in changed.items():
        ActionChange.objects.create(
            action=action,
            author=by,
            field=field,
            old_value=_shown(field, getattr(action, field)),
            new_value=_shown(field, value),
        )
        setattr(action, field, value)
    action.full_clean()
    action.save()
    if F.OWNING_AGENCY in changed:
        # The owning agency is not also a co-owner.
        action.co_agencies.remove(agency)
    bump_revision(action)
    if F.OWNER in changed:
        owner_set(action, by, "assigned")
    if F.OWNER in changed or F.OWNING_AGENCY in changed:
        # A new owner is told it is theirs; a new agency with nobody named, its leads to assign.
        event = f"action-edited:{action.pk}:{action.revision}"
        action_notify_owner(action=action, by=by, event=event)
    warnings = []
    due = changed.get(F.DUE_DATE)
    if due is not None and action.is_outstanding and due < timezone.localdate():
        warnings.append("The due date is in the past, so the action is already overdue.")
    return action, warnings
