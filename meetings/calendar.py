"""Meetings as iCalendar: one meeting's .ics and a person's calendar feed.

Calendars travel further than the app (shared calendars, phones, forwarded invitations), so a
restricted item never appears in them, not even for people who may see it: an event's
description lists only the items that are not restricted at all, without item numbers (a gap
in the numbers would give a restricted item away).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from icalendar import Calendar, Event, vText

from agencies.models import User

from . import access
from .models import AgendaItem, Meeting
from .selectors import AgendaRow, number_rows, timed_rows

PRODID = "-//Partnership meetings//Meeting calendar//EN"
FEED_DAYS_BACK = 30

STATUSES: dict[str, str] = {
    Meeting.Status.DRAFT: "TENTATIVE",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def meeting_uid(meeting: Meeting) -> str:
    """The event's UID: stable, so calendars update the event instead of adding another."""
    return f"meeting-{meeting.pk}@partnership-meetings"


def meeting_url(meeting: Meeting) -> str:
    """The meeting's page, absolute."""
    return settings.SITE_URL.rstrip("/") + meeting.get_absolute_url()


def public_rows(agenda_rows: Iterable[AgendaRow]) -> list[AgendaRow]:
    """The rows a calendar may show: items that are not restricted at all."""
    return [row for row in agenda_rows if not row.restricted and row.item is not None]


def one_line(text: str) -> str:
    """A title as one line: a line break typed (or stored before titles refused them) would
    end the calendar's line early, so runs of whitespace become one space."""
    return " ".join(text.split())


def _description(meeting: Meeting, agenda_rows: Iterable[AgendaRow]) -> str:
    lines = []
    if meeting.status == Meeting.Status.CANCELLED:
        lines += ["This meeting has been cancelled.", ""]
    rows = public_rows(agenda_rows)
    if rows:
        lines.append("Agenda:")
        # No item numbers: a gap in them would hint at an item left out.
        lines += [
            f"{'  ' * row.depth}- {one_line(row.item.title)}"
            for row in rows
            if row.item is not None
        ]
        lines.append("")
    lines.append(f"Full agenda and papers: {meeting_url(meeting)}")
    return "\n".join(lines)


def meeting_event(
    meeting: Meeting,
    agenda_rows: Iterable[AgendaRow],
    *,
    url: str | None = None,
    description: str | None = None,
) -> Event:
    """One meeting as a VEVENT; `meeting.committee` should already be loaded. The public feed
    gives its own page and description."""
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("summary", one_line(f"{meeting.committee.name}: {meeting.title}"))
    if meeting.location:
        event.add("location", one_line(meeting.location))
    event.add("url", url or meeting_url(meeting))
    event.add(
        "description", _description(meeting, agenda_rows) if description is None else description
    )
    event.add("status", STATUSES.get(meeting.status, "CONFIRMED"))
    # Every change to the meeting or its agenda bumps the revision: calendars take the update.
    event.add("sequence", meeting.agenda_revision)
    return event


def calendar_for(
    meetings_with_rows: Iterable[tuple[Meeting, Iterable[AgendaRow]]], name: str
) -> bytes:
    """A VCALENDAR of meetings, each given with the agenda rows of the person it is for."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An X- property is not text to icalendar unless told: only vText escapes (and folds) it.
    calendar.add("x-wr-calname", vText(one_line(name)))
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for meeting, rows in meetings_with_rows:
        calendar.add_component(meeting_event(meeting, rows))
    return calendar.to_ical()


def feed_meetings(user: User) -> QuerySet[Meeting]:
    """The meetings of a person's feed: those they may see, from 30 days ago onwards."""
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    return (
        access.visible_meetings(user)
        .filter(starts_at__gte=since)
        .select_related("committee")
        .order_by("starts_at", "pk")
    )


def feed_rows(user: User, meetings: list[Meeting]) -> list[tuple[Meeting, list[AgendaRow]]]:
    """The agenda rows of many meetings for one person, in a fixed number of queries.

    Numbers and timings come from every item's structure (so they match the agenda pack);
    titles are read through the access rule, and only for items that are not restricted, the
    only ones a calendar shows. Restricted rows keep `item=None`.
    """
    ids = [meeting.pk for meeting in meetings]
    if not ids:
        return []
    structure: dict[int, list[AgendaItem]] = {pk: [] for pk in ids}
    for item in AgendaItem.objects.filter(meeting__in=ids).only(
        "id", "meeting_id", "parent_id", "position", "kind", "planned_minutes", "restricted"
    ):
        structure[item.meeting_id].append(item)
    public = {
        item.pk: item
        for item in access.visible_agenda_items(user)
        .filter(meeting__in=ids, restricted=False)
        .only("id", "meeting_id", "parent_id", "title", "restricted")
    }
    out = []
    for meeting in meetings:
        rows = timed_rows(meeting, number_rows(structure[meeting.pk]))
        for row in rows:
            row.item = None if row.restricted else public.get(row.id)
        out.append((meeting, rows))
    return out
