"""Publishing an agenda: numbered versions that record what changed, and telling the invitees.

What each reader may see of a version is decided in versions.py, through access.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agencies.models import User

from .. import audience
from ..clock import clock_for
from ..models import (
    AgendaItem,
    AgendaItemGroupObjectPermission,
    AgendaItemUserObjectPermission,
    AgendaNotice,
    AgendaVersion,
    Meeting,
)
from ..selectors import number_rows, timed_rows
from .lifecycle import meeting_has_begun, publish_status


def snapshot(meeting: Meeting) -> list[dict]:
    """The agenda as it stands, with each item's grants: what a version records."""
    items = list(AgendaItem.objects.filter(meeting=meeting))
    rows = timed_rows(meeting, number_rows(items))
    by_id = {i.id: i for i in items}
    groups: dict[int, list[int]] = {}
    users: dict[int, list[int]] = {}
    for model, target, key in (
        (AgendaItemGroupObjectPermission, groups, "group_id"),
        (AgendaItemUserObjectPermission, users, "user_id"),
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
            "exempt_paragraph": by_id[row.id].exempt_paragraph,
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


def _refuse_unexplained_exemptions(meeting: Meeting) -> None:
    """A public committee's agenda goes out only when each exempt item says why (Schedule 12A):
    an item restricted before the committee met in public has no paragraph yet."""
    if not meeting.committee.is_public:
        return
    missing = AgendaItem.objects.filter(
        meeting=meeting, restricted=True, exempt_paragraph__isnull=True
    ).count()
    if missing:
        raise ValidationError(
            f"This committee meets in public: give the Schedule 12A paragraph of each "
            f"restricted item before publishing ({missing} without one), on its access page.",
            code="exempt",
        )


def _urgency(meeting: Meeting, reason: str) -> str:
    """The reason of urgency a late first publication needs (kept only when it is late)."""
    clock = clock_for(meeting)
    # Once the meeting has begun its agenda is a record, no longer notice: an agenda put on
    # record afterwards (a loaded history) has no urgency to give.
    if clock is None or meeting.versions.exists() or not clock.late or meeting_has_begun(meeting):
        return ""
    if not reason:
        raise ValidationError(
            f"This committee meets in public and its agenda is late: it had to be published "
            f"by {clock.deadline:%A %-d %B %Y} (five clear days before the meeting). Give the "
            f"reason of urgency to publish it now; it is shown with the agenda.",
            code="late",
        )
    return reason


@transaction.atomic
def agenda_publish(
    *, meeting: Meeting, by: User, invite_committee: bool = True, late_reason: str = ""
) -> AgendaVersion:
    """Publish the agenda as a new version and, after commit, email everyone invited what
    changed. When nobody is invited yet the committee is invited first, unless the clerk chose
    to publish without inviting (each person then gets the agenda when invited). A public
    committee's first version published after its deadline needs a reason of urgency."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _refuse_unexplained_exemptions(meeting)
    late_reason = _urgency(meeting, late_reason.strip())
    publish_status(meeting)
    if invite_committee and not audience.invited_people(meeting).exists():
        audience.invite_committee(meeting=meeting, by=by)
    previous = meeting.versions.order_by("-number").first()
    rows = snapshot(meeting)
    version = AgendaVersion.objects.create(
        meeting=meeting,
        number=(previous.number + 1) if previous else 1,
        published_by=by,
        snapshot=rows,
        changes=_changes(previous.snapshot, rows) if previous else [],
        late_reason=late_reason,
    )
    agenda_notices_queue(meeting=meeting, people=audience.agenda_recipients(meeting))
    return version


def agenda_notices_queue(*, meeting: Meeting, people: Iterable[User]) -> int:
    """Queue the meeting's latest published agenda for these people, inside the caller's
    transaction (publishing, or inviting after publishing): one notice row per person and
    version, emailed after commit. Returns how many rows were new."""
    version = meeting.versions.order_by("-number").first()
    if version is None:
        return 0
    ids = {user.pk for user in people}
    known = set(
        AgendaNotice.objects.filter(version=version, recipient__in=ids).values_list(
            "recipient_id", flat=True
        )
    )
    AgendaNotice.objects.bulk_create(
        [AgendaNotice(version=version, recipient_id=pk) for pk in sorted(ids - known)],
        ignore_conflicts=True,
    )
    if ids - known:
        from ..tasks import send_agenda_notices  # tasks -> notices -> versions; never back here

        # robust: a broker that is down must not fail the step; the beat sweep sends the notices.
        transaction.on_commit(lambda: send_agenda_notices.delay(version.id), robust=True)
    return len(ids - known)
