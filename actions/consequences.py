"""What removing an agenda item or revoking its grant means for its actions (shown on the
confirmation pages meetings asks before doing either)."""

from __future__ import annotations

from agencies.models import Agency, User
from meetings.models import AgendaItem

from .models import Action


def _actions(count: int) -> str:
    return "1 action" if count == 1 else f"{count} actions"


def item_remove(item: AgendaItem) -> list[str]:
    """Actions recorded on the item keep it: it cannot be removed while they exist."""
    count = Action.objects.filter(agenda_item=item).count()
    if not count:
        return []
    return [
        f"{_actions(count)} were recorded on this item, so it cannot be removed: the actions "
        "keep their item. Remove it only once it has no actions."
    ]


def grant_revoke(item: AgendaItem, agencies: list[Agency], users: list[User]) -> list[str]:
    """The item's outstanding actions owned by the agencies or people losing sight of it."""
    open_actions = Action.objects.filter(agenda_item=item, status__in=Action.OUTSTANDING)
    lines = []
    for agency in agencies:
        count = open_actions.filter(owning_agency=agency).count()
        if count:
            lines.append(
                f"{_actions(count)} owned by {agency.name} {'is' if count == 1 else 'are'} "
                "still open on this item: check who should own them once the agency no longer "
                "sees the item."
            )
    for user in users:
        count = open_actions.filter(owner=user).count()
        if count:
            lines.append(
                f"{_actions(count)} assigned to {user.full_name or user.email} "
                f"{'is' if count == 1 else 'are'} on this item."
            )
    return lines
