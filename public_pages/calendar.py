"""A public committee's calendar feed: its published meetings, with their public items only."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vText

from meetings.calendar import FEED_DAYS_BACK, PRODID, meeting_event, one_line
from meetings.models import Committee, Meeting

from .selectors import PublicAgenda, public_agenda, public_meetings


def _url(meeting: Meeting) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("public:meeting", kwargs={"pk": meeting.pk})


def _description(meeting: Meeting, agenda: PublicAgenda | None) -> str:
    lines = []
    if meeting.status == Meeting.Status.CANCELLED:
        lines += ["This meeting has been cancelled.", ""]
    shown = [row for row in (agenda.rows if agenda else []) if not row.exempt]
    if shown:
        lines.append("Agenda:")
        lines += [f"{'  ' * row.depth}{row.number} {one_line(row.title)}" for row in shown]
        lines.append("")
    lines.append(f"Agenda and papers: {_url(meeting)}")
    return "\n".join(lines)


def _event(meeting: Meeting) -> Event:
    # The same UID as in members' feeds: one calendar holding both shows one event.
    url, agenda = _url(meeting), public_agenda(meeting)
    return meeting_event(meeting, [], url=url, description=_description(meeting, agenda))


def committee_calendar(committee: Committee) -> bytes:
    """The committee's published meetings as a VCALENDAR."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(one_line(committee.name)))
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    # Recent and coming meetings, as in members' feeds: the pages keep the whole record.
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    meetings = public_meetings().filter(committee=committee, ends_at__gte=since)
    for meeting in meetings.order_by("starts_at"):
        calendar.add_component(_event(meeting))
    return calendar.to_ical()
