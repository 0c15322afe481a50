"""Telling the meeting's people that its minutes are out for comment, or approved.

Called inside the step's transaction; the inbox writes one message per person and emails it once.
Those told are the meeting's invitees who can sign in (the committee's members when nobody was
invited) and who may open the meeting: the minutes themselves show each reader only what they may
see, so the message names no item.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from agencies.models import Membership, User, can_sign_in_q
from attendance.models import Invitation
from inbox.models import Message
from inbox.services import messages_notify
from meetings import access
from meetings.models import Meeting
from meetings.selectors import committee_people

from .models import Minutes

ATTENDING = (Membership.Role.LEAD, Membership.Role.MEMBER)


def _day(value: datetime.date | datetime.datetime) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


def comment_deadline(record: Minutes) -> datetime.date:
    """The day comments on circulated minutes are asked for by."""
    circulated = timezone.localtime(record.circulated_at or timezone.now()).date()
    return circulated + datetime.timedelta(days=settings.MINUTES_COMMENT_DAYS)


def minutes_audience(meeting: Meeting, by: User | None) -> list[User]:
    """Who hears about a meeting's minutes: its invitees, or the committee's members and leads
    when nobody was invited; only those who can sign in and open the meeting."""
    invited = User.objects.filter(
        pk__in=Invitation.objects.filter(meeting=meeting, person__isnull=False).values("person")
    )
    if not invited.exists():
        invited = committee_people(meeting.committee, agency_roles=ATTENDING)
    people = invited.filter(can_sign_in_q(), is_active=True)
    if by is not None:
        people = people.exclude(pk=by.pk)
    return [p for p in people.order_by("id") if access.can_see_meeting(p, meeting)]


def minutes_notify_circulated(*, record: Minutes, by: User) -> int:
    """Ask the meeting's people to comment on the draft minutes by a date."""
    meeting = record.meeting
    link = reverse("minutes:document", args=[meeting.pk])
    by_day = _day(comment_deadline(record))
    return messages_notify(
        event=f"minutes-circulated:{record.pk}:{record.circulated_at:%Y%m%dT%H%M%S.%f}",
        kind=Message.Kind.MINUTES_CIRCULATED,
        recipients=minutes_audience(meeting, by),
        subject=f"Draft minutes for comment by {by_day}: {meeting.committee.name}, "
        f"{_day(meeting.starts_at)}",
        body=f"{by.full_name} circulated the draft minutes of the {meeting.committee.name} "
        f"meeting of {_day(meeting.starts_at)}. Please comment on the draft minutes by {by_day}",
        link=link,
    )


def minutes_notify_approved(*, record: Minutes, by: User) -> int:
    """Tell the meeting's people its minutes are approved and final."""
    meeting = record.meeting
    link = reverse("minutes:document", args=[meeting.pk])
    at = record.approved_at_meeting
    at_text = f" at the meeting of {_day(at.starts_at)}" if at is not None else ""
    return messages_notify(
        event=f"minutes-approved:{record.pk}",
        kind=Message.Kind.MINUTES_APPROVED,
        recipients=minutes_audience(meeting, by),
        subject=f"Minutes approved: {meeting.committee.name}, {_day(meeting.starts_at)}",
        body=f"The minutes of the {meeting.committee.name} meeting of {_day(meeting.starts_at)} "
        f"were approved{at_text} and are now the final record. Please check the resolutions "
        f"and the actions they give your agency",
        link=link,
    )
