"""Agenda emails: who is invited, and sending each person their notice exactly once."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from agencies.models import User
from core.marking import SUBJECT_PREFIX
from inbox.models import Message
from inbox.services import messages_notify

from .marking import MarkedEmail, email_marking, log_email, marked_email
from .models import AgendaNotice, AgendaVersion, Committee, Meeting
from .selectors import ShownVersionRows, committee_people
from .versions import agenda_rows_for, changes_for


def committee_invitees(committee: Committee) -> QuerySet[User]:
    """Everyone a committee's agenda goes to: its chairs, secretariat and the people of its
    host and member agencies (managers too) who can sign in."""
    return committee_people(committee, can_sign_in=True)


def had_agenda(version: AgendaVersion, user: User) -> bool:
    """Whether this person was sent an earlier version of this meeting's agenda."""
    return AgendaNotice.objects.filter(
        version__meeting=version.meeting_id,
        version__number__lt=version.number,
        recipient=user,
        sent_at__isnull=False,
    ).exists()


def render_notice(version: AgendaVersion, user: User) -> MarkedEmail | None:
    """The email telling one person about one version, or None when nothing they may see
    changed. Someone invited after an earlier version went out gets the whole agenda."""
    meeting = version.meeting
    first = version.number == 1 or not had_agenda(version, user)
    changes = changes_for(version, user)
    if not first and not changes:
        return None
    rows = agenda_rows_for(version, user)
    context: dict = {
        "user": user,
        "meeting": meeting,
        "version": version,
        "first": first,
        "changes": changes,
        "rows": rows,
        "link": f"{settings.SITE_URL}{meeting.get_absolute_url()}",
    }
    verb = "Agenda published" if first else "Agenda changed"
    subject = f"{verb}: {meeting.committee.name}, {timezone.localtime(meeting.starts_at):%d %B %Y}"
    # The titles of restricted items this person may see make the notice OFFICIAL-SENSITIVE.
    shown = [ShownVersionRows(rows), ShownVersionRows.of_changes(changes)]
    marking, disclosed = email_marking(shown)
    context["marking"] = marking
    return marked_email(
        subject=subject,
        text=render_to_string("meetings/email/agenda_notice.txt", context),
        html=render_to_string("meetings/email/agenda_notice.html", context),
        to=user.email,
        marking=marking,
        disclosed=disclosed,
    )


def send_notice(version: AgendaVersion, user: User) -> bool:
    """Send one person's notice unless it was sent already; True when an email went out.

    The notice row is claimed with SELECT ... FOR UPDATE SKIP LOCKED and marked sent in the
    same transaction as the send, so two workers never both send it, and a failed send leaves
    it unsent for the retry.
    """
    AgendaNotice.objects.get_or_create(version=version, recipient=user)
    with transaction.atomic():
        notice = (
            AgendaNotice.objects.select_for_update(skip_locked=True)
            .filter(version=version, recipient=user, sent_at__isnull=True)
            .first()
        )
        if notice is None:
            return False
        message = render_notice(version, user)
        if message is not None:
            message.send()
            log_email(message, user, "meetings:agenda_notice")
            # The in-app message names no item: its subject goes unmarked.
            _tell_in_app(version, user, str(message.subject).removeprefix(SUBJECT_PREFIX))
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
        return message is not None


def _tell_in_app(version: AgendaVersion, user: User, subject: str) -> None:
    """The in-app message that goes with the agenda email (the email is the notice's own)."""
    meeting = version.meeting
    day = timezone.localtime(meeting.starts_at)
    first = subject.startswith("Agenda published")
    messages_notify(
        event=f"agenda-version:{version.pk}",
        kind=Message.Kind.AGENDA_PUBLISHED if first else Message.Kind.AGENDA_CHANGED,
        recipients=[user],
        subject=subject,
        body=(
            f"The agenda of the {meeting.committee.name} meeting of {day.day} {day:%B %Y} "
            + ("is published" if first else f"changed (version {version.number})")
            + ". Please read it and send apologies if you cannot attend"
        ),
        link=meeting.get_absolute_url(),
        email=False,
    )


def pending_notices() -> QuerySet[AgendaNotice]:
    """Agenda notices not sent yet (their after-commit task lost, or the send failed)."""
    return AgendaNotice.objects.filter(sent_at__isnull=True)


def cancelled_audience(meeting: Meeting, by: User | None = None) -> list[User]:
    """Who is told that a meeting is cancelled: everyone sent its agenda, and its chairs and
    secretariat; not the person who cancelled it."""
    told = AgendaNotice.objects.filter(version__meeting=meeting, sent_at__isnull=False).values_list(
        "recipient_id", flat=True
    )
    committee = meeting.committee
    people = User.objects.filter(
        Q(pk__in=told)
        | Q(chaired_committees=committee)
        | Q(clerked_committees=committee)
        | Q(chaired_meetings=meeting),
        is_active=True,
    ).distinct()
    return [person for person in people if by is None or person.pk != by.pk]


def tell_cancelled(meeting: Meeting, by: User | None = None) -> int:
    """Tell the meeting's audience, by email and in their messages, once, inside the
    cancelling transaction; returns how many people were told."""
    day = timezone.localtime(meeting.starts_at)
    when = f"{day.day} {day:%B %Y} at {day:%H:%M}"
    place = f" ({meeting.location})" if meeting.location else ""
    return messages_notify(
        event=f"meeting-cancelled:{meeting.pk}",
        kind=Message.Kind.MEETING_CANCELLED,
        recipients=cancelled_audience(meeting, by),
        subject=f"Cancelled: {meeting.committee.name}, {day.day} {day:%B %Y}",
        body=(
            f"The {meeting.committee.name} meeting “{meeting.title}” on {when}{place} is "
            "cancelled. You do not need to attend or send apologies; remove it from your diary "
            "(calendar feeds show it as cancelled). The clerk will say when it is rearranged."
        ),
        link=meeting.get_absolute_url(),
    )
