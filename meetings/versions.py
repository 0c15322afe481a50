"""What a reader sees of a published agenda version: its rows and its changes, through access."""

from __future__ import annotations

from agencies.models import User

from . import access
from .models import AgendaVersion


def changes_for(version: AgendaVersion, user: User) -> list[dict]:
    """The changes of a version this person may learn of. An item they may not see is left out
    entirely: not its title, not that it moved, not that it exists."""
    may_see = access.snapshot_reader(version, user)
    visible: list[dict] = []
    for change in version.changes:
        old, new = change.get("old"), change.get("new")
        old_ok = old is None or may_see(old)
        new_ok = new is None or may_see(new)
        if old_ok and new_ok:
            visible.append(change)
        elif (
            new_ok
            and new is not None
            and change["change"] in ("moved", "retimed", "renamed")
            and not any(c["change"] == "added" and c["new"]["id"] == new["id"] for c in visible)
        ):
            # Newly opened to them: to this person it is simply a new item.
            visible.append({"change": "added", "new": new})
    return visible


def agenda_rows_for(version: AgendaVersion, user: User) -> list[dict]:
    """The published agenda of a version as this person may see it, placeholders included."""
    may_see = access.snapshot_reader(version, user)
    rows = []
    for row in version.snapshot:
        if may_see(row):
            rows.append(row)
        else:
            rows.append({**row, "title": f"Restricted item {row['number']}", "placeholder": True})
    return rows
