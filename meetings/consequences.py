"""What a destructive step will do, in words, for the page that asks to confirm it.

Meetings knows its own consequences (sub-items, papers, grants); the apps above it (attendance,
actions) add theirs through hooks registered in their AppConfig.ready, so meetings imports none
of them. Each hook returns sentences; an empty list says nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from agencies.models import Agency, User

from .models import AgendaItem, Meeting, Paper
from .notices import cancelled_audience

# Hooks from the floors above: (meeting) -> sentences, (item) -> sentences, and for a grant
# revoked, (item, agencies losing sight, people losing sight) -> sentences.
MEETING_CANCEL: list[Callable[[Meeting], list[str]]] = []
ITEM_REMOVE: list[Callable[[AgendaItem], list[str]]] = []
GRANT_REVOKE: list[Callable[[AgendaItem, list[Agency], list[User]], list[str]]] = []


def register(hooks: list, hook: Callable) -> None:
    """Add a hook once (ready() may run more than once in tests)."""
    if hook not in hooks:
        hooks.append(hook)


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def meeting_cancel(meeting: Meeting) -> list[str]:
    """What cancelling a meeting does."""
    lines = [
        "The meeting will show as cancelled on its page, on the committee's page and in "
        "everyone's calendar feed. This cannot be undone.",
        "Its agenda can no longer be published, and no attendance or minutes can be recorded.",
    ]
    told = len(cancelled_audience(meeting))
    if told:
        lines.append(
            f"{_plural(told, 'person', 'people')} (everyone sent its agenda, and the committee's "
            "chairs and secretariat) will be told by email and in their messages."
        )
    for hook in MEETING_CANCEL:
        lines += hook(meeting)
    return lines


def item_remove(item: AgendaItem) -> list[str]:
    """What removing an agenda item does."""
    descendants = _descendants(item)
    lines = []
    if descendants:
        lines.append(f"Its {_plural(len(descendants), 'sub-item')} will be removed with it.")
    papers = Paper.objects.filter(item__in=[item, *descendants]).count()
    if papers:
        lines.append(f"{_plural(papers, 'paper')} attached to it will be deleted.")
    if item.restricted:
        lines.append("Its access grants will be removed.")
    lines.append("Items after it are renumbered. Invitees see the change once you publish.")
    for hook in ITEM_REMOVE:
        lines += hook(item)
    return lines


def paper_remove(paper: Paper) -> list[str]:
    """What removing a paper does."""
    return [
        f"The file “{paper.title}” will be deleted: nobody will be able to download it, and "
        "it leaves the agenda pack.",
    ]


def grant_revoke(item: AgendaItem, agencies: list[Agency], users: list[User]) -> list[str]:
    """What taking an item's grant away from these agencies and people does."""
    names = [agency.name for agency in agencies] + [user.full_name or user.email for user in users]
    lines = [
        f"{', '.join(names)} will no longer see this item, its papers, its minute or its "
        "actions; they will see “Restricted item” in its place."
    ]
    for hook in GRANT_REVOKE:
        lines += hook(item, agencies, users)
    return lines


def _descendants(item: AgendaItem) -> list[AgendaItem]:
    found: list[AgendaItem] = []
    level = list(AgendaItem.objects.filter(parent=item))
    while level:
        found += level
        level = list(AgendaItem.objects.filter(parent__in=level))
    return found
