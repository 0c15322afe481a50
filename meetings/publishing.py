"""Publishing an agenda: numbered versions, what changed, and telling each invitee only what
they may see."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from agencies.models import User

from . import access
from .models import AgendaItem, AgendaVersion, Meeting
from .selectors import number_rows, timed_rows


def _snapshot(meeting: Meeting) -> list[dict]:
    items = list(AgendaItem.objects.filter(meeting=meeting))
    rows = timed_rows(meeting, number_rows(items))
    by_id = {i.id: i for i in items}
    groups: dict[int, list[int]] = {}
    users: dict[int, list[int]] = {}
    for model, target, key in (
        (AgendaItem.agendaitemgroupobjectpermission_set.rel.related_model, groups, "group_id"),
        (AgendaItem.agendaitemuserobjectpermission_set.rel.related_model, users, "user_id"),
    ):
        for content_id, holder in model.objects.filter(
            content_object__meeting=meeting, permission__codename="view_agendaitem"
        ).values_list("content_object_id", key):
            target.setdefault(content_id, []).append(holder)
    return [
        {
            "id": row.id,
            "number": row.number,
            "title": by_id[row.id].title,
            "kind": row.kind,
            "starts_at": timezone.localtime(row.starts_at).isoformat(),
            "minutes": row.planned_minutes,
            "restricted": row.restricted,
            "groups": sorted(groups.get(row.id, [])),
            "users": sorted(users.get(row.id, [])),
        }
        for row in rows
    ]


def _changes(old: list[dict], new: list[dict]) -> list[dict]:
    """Added, removed, moved, retimed and renamed items between two snapshots."""
    before = {row["id"]: row for row in old}
    after = {row["id"]: row for row in new}
    changes: list[dict] = []
    for row in new:
        prev = before.get(row["id"])
        if prev is None:
            changes.append({"change": "added", "new": row})
            continue
        kinds = []
        if prev["number"] != row["number"]:
            kinds.append("moved")
        if prev["starts_at"] != row["starts_at"] or prev["minutes"] != row["minutes"]:
            kinds.append("retimed")
        if prev["title"] != row["title"]:
            kinds.append("renamed")
        changes.extend({"change": kind, "old": prev, "new": row} for kind in kinds)
    changes.extend({"change": "removed", "old": row} for row in old if row["id"] not in after)
    return changes


@transaction.atomic
def agenda_publish(*, meeting: Meeting, by: User) -> AgendaVersion:
    """Publish the agenda as a new version and, after commit, email the invitees what changed."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    previous = meeting.versions.order_by("-number").first()
    snapshot = _snapshot(meeting)
    version = AgendaVersion.objects.create(
        meeting=meeting,
        number=(previous.number + 1) if previous else 1,
        published_by=by,
        snapshot=snapshot,
        changes=_changes(previous.snapshot, snapshot) if previous else [],
    )
    if meeting.status == Meeting.Status.DRAFT:
        meeting.status = Meeting.Status.PUBLISHED
        meeting.save(update_fields=["status"])
    from .tasks import send_agenda_notices

    transaction.on_commit(lambda: send_agenda_notices.delay(version.id))
    return version


def _hidden_now(version: AgendaVersion, user: User) -> set[int]:
    """Items of the meeting restricted now that this person may not see now: a version's
    snapshot may predate a restriction (or a revoked grant), and must not outlive it."""
    restricted = AgendaItem.objects.filter(meeting=version.meeting_id, restricted=True)
    visible = access.visible_agenda_items(user).values("id")
    return set(restricted.exclude(id__in=visible).values_list("id", flat=True))


def _may_see(row: dict, user: User, group_ids: set[int], officer: bool, hidden: set[int]) -> bool:
    if row["id"] in hidden:
        return False
    if not row["restricted"] or officer or user.is_superuser:
        return True
    return user.id in row["users"] or bool(group_ids & set(row["groups"]))


def changes_for(version: AgendaVersion, user: User) -> list[dict]:
    """The changes of a version this person may learn of. An item they may not see is left out
    entirely: not its title, not that it moved, not that it exists."""
    officer = access.is_committee_officer(user, version.meeting.committee)
    group_ids = set(user.groups.values_list("id", flat=True))
    hidden = _hidden_now(version, user)
    visible: list[dict] = []
    for change in version.changes:
        old, new = change.get("old"), change.get("new")
        old_ok = old is None or _may_see(old, user, group_ids, officer, hidden)
        new_ok = new is None or _may_see(new, user, group_ids, officer, hidden)
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
    officer = access.is_committee_officer(user, version.meeting.committee)
    group_ids = set(user.groups.values_list("id", flat=True))
    hidden = _hidden_now(version, user)
    rows = []
    for row in version.snapshot:
        if _may_see(row, user, group_ids, officer, hidden):
            rows.append(row)
        else:
            rows.append({**row, "title": f"Restricted item {row['number']}", "placeholder": True})
    return rows
