"""Who may own an action of a restricted item: only agencies and people who may see the item.

The rule (issue 14, point 1): recording or reassigning an action of a restricted item for an
agency (or a person) not granted the item is refused, with a message saying what to do. Granting
sight of the action alone is not an option: its wording carries the item's substance. So every
path that sets an owning agency, a co-owning agency or an owner asks `check_owners` first, and
links, registers and emails then agree: nobody who owns an action gets a link they cannot open.

When a grant is revoked later, `actions_affected_by_revoke` says which outstanding actions lose
their owners' sight (their chasing falls back to the committee's officers).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from agencies.models import Agency, User
from meetings import access
from meetings.models import AgendaItem, AgendaItemGroupObjectPermission

from .models import Action

VIEW = "view_agendaitem"


def _restricted(item_id: int | None) -> bool:
    # Read from the database: a stale item object must not let an owner through.
    return item_id is not None and AgendaItem.objects.filter(pk=item_id, restricted=True).exists()


def agency_granted(agency: Agency, item_id: int) -> bool:
    """Whether the agency (its group) is granted sight of the item."""
    return AgendaItemGroupObjectPermission.objects.filter(
        content_object_id=item_id, group_id=agency.group_id, permission__codename=VIEW
    ).exists()


def person_sees(user: User, item_id: int) -> bool:
    """Whether this person may see the item's content: its committee's officers, or granted
    (to them or to one of their agencies)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    item = AgendaItem.objects.filter(pk=item_id).select_related("meeting__committee").first()
    if item is None:
        return False
    if access.is_committee_officer(user, item.meeting.committee):
        return True
    return AgendaItem.objects.filter(pk=item_id).filter(access.granted_each_q(user)).exists()


def refusal_for_agency(agency: Agency) -> str:
    """What to do when an agency may not see the item."""
    return (
        f"{agency.name} may not see this restricted item, so it cannot own its action. Grant "
        f"{agency.name} sight of this item first, or choose an agency that has it."
    )


def check_owners(
    *,
    agenda_item_id: int | None,
    owning_agency: Agency | None = None,
    owner: User | None = None,
    co_agencies: Iterable[Agency] = (),
) -> None:
    """Refuse owners of a restricted item's action who may not see the item (ValidationError
    by field), so that nobody is asked to act on what they cannot open."""
    if not _restricted(agenda_item_id):
        return
    assert agenda_item_id is not None
    errors: dict[str, list[str]] = {}
    if owning_agency is not None and not agency_granted(owning_agency, agenda_item_id):
        errors["owning_agency"] = [refusal_for_agency(owning_agency)]
    if owner is not None and not person_sees(owner, agenda_item_id):
        name = owner.full_name or owner.email
        errors["owner"] = [
            f"{name} may not see this restricted item, so cannot own its action. Grant "
            f"{name} (or their agency) sight of this item first, or choose someone who has it."
        ]
    refused = [a for a in co_agencies if not agency_granted(a, agenda_item_id)]
    if refused:
        names = ", ".join(a.name for a in refused)
        errors["co_agencies"] = [
            f"{names} may not see this restricted item, so cannot co-own its action. Grant "
            "them sight of this item first, or choose agencies that have it."
        ]
    if errors:
        raise ValidationError(errors)


def _subtree_ids(item: AgendaItem) -> list[int]:
    """The item and its sub-items (a restriction or grant applies to all of them)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in AgendaItem.objects.filter(meeting_id=item.meeting_id).values_list(
        "id", "parent_id"
    ):
        children.setdefault(parent, []).append(pk)
    ids, todo = [], [item.pk]
    while todo:
        pk = todo.pop()
        ids.append(pk)
        todo.extend(children.get(pk, []))
    return ids


def actions_affected_by_revoke(
    *,
    item: AgendaItem,
    agencies: Iterable[Agency] = (),
    users: Iterable[User] = (),
) -> QuerySet[Action]:
    """Outstanding actions of the item (and its sub-items) owned or co-owned by these agencies,
    or owned by these people: after the revoke their owners no longer see them, and their
    chasing falls back to the committee's officers. For a confirmation page: count them."""
    agency_ids = [a.pk for a in agencies]
    user_ids = [u.pk for u in users]
    return (
        Action.objects.filter(agenda_item_id__in=_subtree_ids(item), status__in=Action.OUTSTANDING)
        .filter(
            Q(owning_agency_id__in=agency_ids)
            | Q(co_agencies__in=agency_ids)
            | Q(owner_id__in=user_ids)
        )
        .distinct()
    )
