"""Writes of imports: the planned rows, through the actions and agencies services, in one
transaction, with an entry in the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from actions import services as actions
from agencies.models import User
from audit.models import ImportRecord
from audit.services import import_record
from meetings import access
from meetings.models import Committee

from .action_rows import Plan, Row
from .models import ImportedAction


class ImportRefused(Exception):
    """Nothing was written: the file has bad rows (and they were not to be skipped)."""

    def __init__(self, rows: list[Any], message: str = "") -> None:
        self.rows = rows
        super().__init__(message or f"{len(rows)} rows cannot be imported; nothing was written.")


@dataclass
class Result:
    """What an import did."""

    created: int
    unchanged: int
    refused: list[Row]


def messages_of(error: ValidationError | PermissionDenied) -> str:
    """A service's refusal as one sentence."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "Not allowed."


def _create(row: Row, *, committee: Committee, by: User, file_name: str) -> None:
    assert row.agency is not None
    action, _warnings = actions.action_create(
        by=by,
        committee=committee,
        description=row.description,
        owning_agency=row.agency,
        meeting=row.meeting,
        agenda_item=row.item,
        owner=row.owner,
        due_date=row.due_date,
        due_text=row.due_text,
        source=row.source,
        reference=row.reference,
    )
    # The status goes through the transition rules, with the log's update as its note.
    status = row.status if row.status != action.status else None
    if status is not None or row.update:
        actions.action_update(by=by, action=action, note=row.update, status=status)
    ImportedAction.objects.create(
        committee=committee, key=row.key, action=action, file_name=file_name[:200]
    )


@transaction.atomic
def actions_import(
    *,
    plan: Plan,
    committee: Committee,
    by: User,
    file_name: str,
    skip_invalid: bool = False,
    via: str = ImportRecord.Via.COMMAND,
) -> Result:
    """Create the planned actions. Without skip_invalid, one bad row refuses the whole file
    (ImportRefused, nothing written); with it, bad rows are left out and reported."""
    if not access.is_committee_officer(by, committee):
        raise PermissionDenied("Only the committee's chairs and secretariat import its actions.")
    if plan.missing:
        raise ImportRefused([], "The file has no column for " + " or ".join(plan.missing) + ".")
    refused = list(plan.errors)
    if refused and not skip_invalid:
        raise ImportRefused(refused)
    created = 0
    unchanged = plan.count("exists")
    for row in plan.rows:
        if row.outcome != "create":
            continue
        try:
            with transaction.atomic():
                _create(row, committee=committee, by=by, file_name=file_name)
            created += 1
        except IntegrityError:
            # Imported by someone else a moment ago: the same key is there now.
            row.outcome = "exists"
            unchanged += 1
        except (ValidationError, PermissionDenied) as error:
            row.outcome = "error"
            row.errors.append(("Row", messages_of(error)))
            refused.append(row)
    if refused and not skip_invalid:
        transaction.set_rollback(True)
        raise ImportRefused(refused)
    import_record(
        by=by,
        kind=ImportRecord.Kind.ACTIONS,
        via=via,
        file_name=file_name,
        committee_id=committee.pk,
        created=created,
        unchanged=unchanged,
        refused=len(refused),
    )
    return Result(created=created, unchanged=unchanged, refused=refused)
