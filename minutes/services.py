"""Writes for minutes: drafting, circulating, comments, approval at a later meeting, amendments.

Every write locks the meeting's `Minutes` row first, so an approval and an edit cannot cross:
once approved, the minutes are locked and a correction is a recorded amendment. Each minute
carries a revision, so an edit made on a stale page is refused instead of overwriting.
Who may write is checked here too (chairs and secretariat; partners for comments), so no caller
can skip it.
"""

from __future__ import annotations

import re
from typing import Literal, overload

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from agencies.models import User
from meetings import access
from meetings.models import AgendaItem, Committee, Meeting
from meetings.services import meeting_has_begun, meeting_minutes_progress

from . import notify
from .attendance_view import snapshot_for
from .models import Minute, MinuteAmendment, Minutes, MinutesComment, Resolution, split_paragraphs

MAX_COMMENT = 5000
# A part label or "Resolved:" typed in front of a resolution: the document adds its own.
_LABEL = re.compile(r"^(resolved:?\s*)?(\(?[a-z]\)\s+)?", re.IGNORECASE)


class StaleMinute(ValidationError):
    """The minute changed since the person opened it."""

    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this minute since you opened it. Your text has not been saved; "
            "it is still in the form below. Check the minute and save again.",
            code="stale",
        )


class MinutesLocked(ValidationError):
    """Approved minutes are locked."""

    def __init__(self, record: Minutes) -> None:
        super().__init__(
            f"These minutes were approved at the meeting of {_date(record.approved_at_meeting)} "
            "and are locked. A correction must be recorded as an amendment, with its reason.",
            code="locked",
        )


def _date(meeting: Meeting | None) -> str:
    if meeting is None:
        return "an unknown date"
    day = timezone.localtime(meeting.starts_at)
    return f"{day.day} {day:%B %Y}"


def _require_officer(user: User, committee: Committee) -> None:
    if not access.is_committee_officer(user, committee):
        raise PermissionDenied("Only the committee's chairs and secretariat may do this.")


def _check_meeting(meeting: Meeting) -> None:
    """Minutes are taken of a published meeting that has begun: never of a draft, a cancelled
    one or one still in the future (a stage conflict, 409)."""
    if meeting.status == Meeting.Status.DRAFT:
        raise ValidationError("Publish the agenda before taking minutes of this meeting.")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled, so it has no minutes.")
    if not meeting_has_begun(meeting):
        raise ValidationError(
            f"The meeting of {_date(meeting)} has not taken place yet: its minutes are taken, "
            "and earlier minutes approved at it, once it has begun.",
            code="stage",
        )


@overload
def _record_for_update(meeting: Meeting, by: User | None, *, create: Literal[True]) -> Minutes: ...
@overload
def _record_for_update(
    meeting: Meeting, by: User | None, *, create: Literal[False]
) -> Minutes | None: ...
def _record_for_update(meeting: Meeting, by: User | None, *, create: bool) -> Minutes | None:
    """The meeting's minutes, locked for this transaction (created when asked)."""
    if create:
        Minutes.objects.get_or_create(meeting=meeting, defaults={"created_by": by})
    record = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if record is not None:
        record.meeting = meeting
    return record


def _clean_resolutions(texts: list[str]) -> list[str]:
    cleaned = []
    for text in texts:
        text = _LABEL.sub("", text.strip(), count=1).strip()
        if text:
            cleaned.append(text)
    return cleaned


def _ordinary(minute: Minute) -> list[str]:
    return [r.text for r in minute.resolutions.all() if r.approves_id is None]


def _replace_resolutions(minute: Minute, texts: list[str]) -> None:
    """Replace the typed resolutions; approvals of earlier minutes stay, first."""
    approvals = list(minute.resolutions.filter(approves__isnull=False).order_by("position", "id"))
    minute.resolutions.filter(approves__isnull=True).delete()
    for position, resolution in enumerate(approvals):
        if resolution.position != position:
            resolution.position = position
            resolution.save(update_fields=["position"])
    Resolution.objects.bulk_create(
        Resolution(minute=minute, position=len(approvals) + n, text=text)
        for n, text in enumerate(texts)
    )


def _minute_for_update(record: Minutes, item: AgendaItem, expected_revision: int | None) -> Minute:
    """The item's minute locked for this transaction, created empty if need be; refuses an
    edit made on a stale copy."""
    if item.meeting_id != record.meeting_id:
        raise ValidationError("That item belongs to another meeting.")
    minute = Minute.objects.select_for_update().filter(item=item).first()
    if minute is None:
        try:
            with transaction.atomic():
                minute = Minute.objects.create(record=record, item=item)
        except IntegrityError:
            # Someone created it a moment ago: whatever they wrote, this form has not seen it.
            raise StaleMinute() from None
    if expected_revision is not None and expected_revision != minute.revision:
        raise StaleMinute()
    return minute


@transaction.atomic
def minute_save(
    *,
    item: AgendaItem,
    by: User,
    narrative: str,
    resolutions: list[str],
    expected_revision: int | None,
) -> Minute:
    """Write an item's minute while the minutes are a draft or circulated for comment."""
    meeting = item.meeting
    _require_officer(by, meeting.committee)
    _check_meeting(meeting)
    record = _record_for_update(meeting, by, create=True)
    if record.is_locked:
        raise MinutesLocked(record)
    minute = _minute_for_update(record, item, expected_revision)
    minute.narrative = "\n\n".join(split_paragraphs(narrative))
    minute.revision += 1
    minute.updated_by = by
    minute.save()
    _replace_resolutions(minute, _clean_resolutions(resolutions))
    meeting_minutes_progress(meeting=meeting, approved=False)
    return minute


@transaction.atomic
def minutes_circulate(*, meeting: Meeting, by: User) -> Minutes:
    """Send draft minutes to the committee's members for comment."""
    _require_officer(by, meeting.committee)
    _check_meeting(meeting)
    record = _record_for_update(meeting, by, create=False)
    if record is None or not record.entries.exists():
        raise ValidationError("Write at least one minute before circulating the minutes.")
    if record.is_locked:
        raise MinutesLocked(record)
    if record.stage == Minutes.Stage.CIRCULATED:
        circulated = timezone.localtime(record.circulated_at)
        raise ValidationError(
            f"These minutes were already circulated on {circulated.day} {circulated:%B %Y}.",
            code="stage",
        )
    record.stage = Minutes.Stage.CIRCULATED
    record.circulated_at = timezone.now()
    record.circulated_by = by
    record.save(update_fields=["stage", "circulated_at", "circulated_by"])
    notify.minutes_notify_circulated(record=record, by=by)
    return record


def approval_text(meeting: Meeting) -> str:
    """The resolution that approves a meeting's minutes, in the committee's usual words."""
    return (
        f"That the minutes of the {meeting.committee.name} meeting held on {_date(meeting)} "
        "be signed by the Chair as a correct record."
    )


def minutes_item(meeting: Meeting) -> AgendaItem | None:
    """The "Minutes" item of a meeting's agenda, under which earlier minutes are approved."""
    return (
        AgendaItem.objects.filter(meeting=meeting, kind=AgendaItem.Kind.MINUTES)
        # A top-level "Minutes" item first (PostgreSQL sorts NULLs last unless told).
        .order_by(F("parent_id").asc(nulls_first=True), "position", "id")
        .first()
    )


@transaction.atomic
def minutes_approve(*, minutes: Minutes, at_meeting: Meeting, by: User) -> Resolution:
    """Approve circulated minutes by a resolution under a later meeting's "Minutes" item; the
    minutes are then locked, with the attendance they record frozen as it stood."""
    _require_officer(by, at_meeting.committee)
    record = _record_for_update(minutes.meeting, by, create=False)
    if record is None:
        raise ValidationError("These minutes no longer exist; reload the page.", code="stale")
    meeting = record.meeting
    if record.is_locked:
        raise ValidationError(
            f"These minutes were already approved at the meeting of "
            f"{_date(record.approved_at_meeting)}.",
            code="locked",
        )
    if at_meeting.committee_id != meeting.committee_id:
        raise ValidationError("Minutes are approved at a meeting of the same committee.")
    if at_meeting.pk == meeting.pk:
        raise ValidationError(
            "Minutes cannot be approved at the meeting they record; they are approved at a "
            "later meeting of the committee."
        )
    if at_meeting.starts_at <= meeting.starts_at:
        raise ValidationError(
            f"The meeting of {_date(at_meeting)} is not later than the meeting of "
            f"{_date(meeting)}; minutes are approved at a later meeting."
        )
    _check_meeting(at_meeting)
    if record.stage != Minutes.Stage.CIRCULATED:
        raise ValidationError(
            "Circulate the minutes to members for comment before they are approved.", code="stage"
        )
    item = minutes_item(at_meeting)
    if item is None:
        raise ValidationError(
            f"The agenda of the meeting of {_date(at_meeting)} has no “Minutes” item to "
            "record the approval under. Add one to its agenda first."
        )
    later = _record_for_update(at_meeting, by, create=True)
    if later.is_locked:
        raise ValidationError(
            f"The minutes of the meeting of {_date(at_meeting)} are themselves approved and "
            "locked, so the approval cannot be added to them.",
            code="locked",
        )
    minute = _minute_for_update(later, item, None)
    ordinary = _ordinary(minute)
    approvals = list(minute.resolutions.filter(approves__isnull=False).order_by("position", "id"))
    resolution = Resolution.objects.create(
        minute=minute, position=len(approvals), text=approval_text(meeting), approves=record
    )
    _replace_resolutions(minute, ordinary)
    minute.revision += 1
    minute.updated_by = by
    minute.save()

    record.stage = Minutes.Stage.APPROVED
    record.approved_at_meeting = at_meeting
    record.approved_at = timezone.now()
    record.approved_by = by
    record.snapshot = snapshot_for(meeting, by)
    record.save()
    meeting_minutes_progress(meeting=meeting, approved=True)
    meeting_minutes_progress(meeting=at_meeting, approved=False)
    notify.minutes_notify_approved(record=record, by=by)
    return resolution


@transaction.atomic
def minute_amend(
    *,
    item: AgendaItem,
    by: User,
    reason: str,
    narrative: str,
    resolutions: list[str],
    expected_revision: int | None,
) -> MinuteAmendment:
    """Correct an approved minute: the change is recorded with who, when, why, before and after."""
    meeting = item.meeting
    _require_officer(by, meeting.committee)
    record = _record_for_update(meeting, by, create=False)
    if record is None or not record.is_locked:
        raise ValidationError(
            "These minutes are not approved yet, so they are edited directly, not amended.",
            code="stage",
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for the amendment."})
    minute = _minute_for_update(record, item, expected_revision)
    narrative_after = "\n\n".join(split_paragraphs(narrative))
    resolutions_after = _clean_resolutions(resolutions)
    narrative_before, resolutions_before = minute.narrative, _ordinary(minute)
    if narrative_after == narrative_before and resolutions_after == resolutions_before:
        raise ValidationError("The minute is unchanged, so there is nothing to amend.")
    minute.narrative = narrative_after
    minute.revision += 1
    minute.updated_by = by
    minute.save()
    _replace_resolutions(minute, resolutions_after)
    return MinuteAmendment.objects.create(
        minute=minute,
        made_by=by,
        reason=reason,
        narrative_before=narrative_before,
        narrative_after=narrative_after,
        resolutions_before=resolutions_before,
        resolutions_after=resolutions_after,
    )


@transaction.atomic
def minutes_comment_add(
    *, meeting: Meeting, item: AgendaItem | None, author: User, text: str
) -> MinutesComment:
    """A partner's comment on circulated minutes, on one item they may see or on the whole."""
    if not access.partner_committees(author).filter(pk=meeting.committee_id).exists():
        raise PermissionDenied("Only the committee's partners may comment on its minutes.")
    if item is not None:
        if item.meeting_id != meeting.pk:
            raise ValidationError({"item": "That item belongs to another meeting."})
        if not access.visible_agenda_items(author).filter(pk=item.pk).exists():
            raise PermissionDenied("You may not see that item.")
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter your comment."})
    if len(text) > MAX_COMMENT:
        raise ValidationError({"text": f"Comments must be {MAX_COMMENT} characters or fewer."})
    record = _record_for_update(meeting, author, create=False)
    if record is None or record.stage != Minutes.Stage.CIRCULATED:
        raise ValidationError(
            "Comments are taken only while the minutes are circulated for comment.", code="stage"
        )
    return MinutesComment.objects.create(record=record, item=item, author=author, text=text)
