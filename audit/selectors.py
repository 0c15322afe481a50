"""Reads for the audit log, over its own columns only.

Who may see which reads, and which items and meetings a viewer may see named, are the access
rule's answers: the caller (`meetings/read_log.py`) asks the rule and hands the answers in, so
audit imports no app.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import RestrictedRead


def reads_seen(*, committees: QuerySet, readers: QuerySet) -> QuerySet[RestrictedRead]:
    """The reads of restricted items of these committees (ids), and those made by these
    people (ids)."""
    return RestrictedRead.objects.filter(Q(committee__in=committees) | Q(reader__in=readers))


def reads_by(reads: QuerySet[RestrictedRead], readers: QuerySet) -> QuerySet[RestrictedRead]:
    """Of these reads, those made by these people (ids)."""
    return reads.filter(reader__in=readers)


@dataclass
class LogLine:
    """One read as the log shows it to one viewer."""

    read: RestrictedRead
    what: str
    meeting: str
    item_id: int | None


def log_lines(
    reads: list[RestrictedRead],
    *,
    titles: dict[int, str],
    meetings: dict[int, str],
    numbers: dict[int, str],
) -> list[LogLine]:
    """Label a page of reads for one viewer: the item's title only when the viewer may see the
    item (`titles`, by item id), else its placeholder when they may see its meeting (`meetings`,
    titles by meeting id), else nothing of it. `numbers` are the items' agenda numbers."""
    lines = []
    for read in reads:
        seen_meeting = read.meeting_id in meetings
        if read.item_id is None:
            what = "A deleted item"
        elif read.item_id in titles:
            what = f"{numbers.get(read.item_id, '')} {titles[read.item_id]}".strip()
        elif seen_meeting:
            what = f"Restricted item {numbers.get(read.item_id, '')}".strip()
        else:
            what = "A restricted item of a meeting you cannot see"
        lines.append(
            LogLine(
                read=read,
                what=what,
                meeting=meetings[read.meeting_id]
                if read.meeting_id is not None and seen_meeting
                else "",
                item_id=read.item_id if read.item_id in titles else None,
            )
        )
    return lines
