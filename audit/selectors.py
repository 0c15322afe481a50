"""Reads for the audit log: who may see which reads, and how each read is labelled for them.

The committee's chairs and secretariat (and superusers) see every read of their committee's
restricted items; an agency's leads and managers see the reads made by their agency's people.
A lead may not be allowed to see the item itself: the log then names it by its placeholder
("Restricted item 3"), and by nothing at all when the lead may not even see its meeting.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from agencies.models import Agency, Membership, User
from agencies.selectors import managed_agencies
from meetings import access
from meetings.models import AgendaItem, Committee
from meetings.selectors import number_rows

from .models import RestrictedRead


def may_see_log(user: User) -> bool:
    """Whether this person has any audit log to look at."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        user.is_superuser
        or access.officer_committees(user).exists()
        or managed_agencies(user).exists()
    )


def log_committees(user: User) -> QuerySet[Committee]:
    """Committees whose whole log this person sees: those they chair or clerk."""
    return access.officer_committees(user)


def log_agencies(user: User) -> QuerySet[Agency]:
    """Agencies whose people's reads this person sees: those they lead or manage."""
    return managed_agencies(user)


def visible_reads(user: User) -> QuerySet[RestrictedRead]:
    """The reads this person may see in the log."""
    if not user.is_authenticated or not user.is_active:
        return RestrictedRead.objects.none()
    if user.is_superuser:
        return RestrictedRead.objects.all()
    readers = Membership.objects.filter(agency__in=log_agencies(user).values("id")).values(
        "user_id"
    )
    return RestrictedRead.objects.filter(
        Q(committee__in=log_committees(user).values("id")) | Q(reader__in=readers)
    )


def filter_agencies(user: User) -> QuerySet[Agency]:
    """Agencies this person may narrow the log to: those they lead or manage, and the agencies
    of the committees they chair or clerk (every agency for administrators)."""
    if user.is_superuser:
        return Agency.objects.order_by("name")
    committees = log_committees(user)
    return (
        Agency.objects.filter(
            Q(id__in=log_agencies(user).values("id"))
            | Q(hosted_committees__in=committees)
            | Q(committees__in=committees)
        )
        .distinct()
        .order_by("name")
    )


def reads_by_agency(reads: QuerySet[RestrictedRead], agency: Agency) -> QuerySet[RestrictedRead]:
    """Of these reads, those made by people of one agency."""
    return reads.filter(reader__in=Membership.objects.filter(agency=agency).values("user_id"))


@dataclass
class LogLine:
    """One read as the log shows it to one viewer."""

    read: RestrictedRead
    what: str
    meeting: str
    item_id: int | None


def log_lines(user: User, reads: list[RestrictedRead]) -> list[LogLine]:
    """Label a page of reads for this viewer in a fixed number of queries: the item's title
    only when the viewer may see the item, else its placeholder, else nothing of it."""
    item_ids = {r.item_id for r in reads if r.item_id}
    meeting_ids = {r.meeting_id for r in reads if r.meeting_id}
    titles = dict(
        access.visible_agenda_items(user).filter(pk__in=item_ids).values_list("pk", "title")
    )
    meetings = {
        m.pk: m for m in access.visible_meetings(user).filter(pk__in=meeting_ids).order_by()
    }
    structure: dict[int, list[AgendaItem]] = {}
    for item in AgendaItem.objects.filter(meeting_id__in=meetings).only(
        "id", "meeting_id", "parent_id", "position", "kind"
    ):
        structure.setdefault(item.meeting_id, []).append(item)
    numbers = {
        item.pk: number for items in structure.values() for item, number, _ in number_rows(items)
    }
    lines = []
    for read in reads:
        meeting = meetings.get(read.meeting_id)
        if read.item_id is None:
            what = "A deleted item"
        elif read.item_id in titles:
            what = f"{numbers.get(read.item_id, '')} {titles[read.item_id]}".strip()
        elif meeting is not None:
            what = f"Restricted item {numbers.get(read.item_id, '')}".strip()
        else:
            what = "A restricted item of a meeting you cannot see"
        lines.append(
            LogLine(
                read=read,
                what=what,
                meeting=meeting.title if meeting is not None else "",
                item_id=read.item_id if read.item_id in titles else None,
            )
        )
    return lines
