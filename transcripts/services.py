"""Writes of transcripts: store or queue a transcript's drafts, and decide each one. Only a
meeting's chairs and secretariat do; an accepted draft becomes an action via actions.services."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from actions.models import Action
from actions.services import action_create
from agencies.models import Agency, User
from meetings import access
from meetings.models import AgendaItem, Meeting

from .drafting import Draft, draft_actions
from .matching import SpeakerMatcher
from .models import MAX_LINES, DraftAction, Transcript
from .reading import UnreadableTranscript, text_lines

# Action.source's length.
SOURCE_LIMIT = 200
# Most of a reading is matching the turns; progress is saved at these steps, not per line.
STEPS = 10


def _officer(by: User | None, meeting: Meeting) -> None:
    if by is not None and not access.is_committee_officer(by, meeting.committee):
        raise PermissionDenied("Only the meeting's chairs and secretariat review its transcript.")


def meeting_matcher(meeting: Meeting) -> SpeakerMatcher:
    """A speaker matcher that prefers the agencies of the meeting's committee."""
    committee = meeting.committee
    preferred = {committee.host_id, *committee.member_agencies.values_list("pk", flat=True)}
    return SpeakerMatcher(preferred=preferred)


def _save_drafts(transcript: Transcript, drafts: list[Draft]) -> list[DraftAction]:
    rows = []
    for draft in drafts:
        found = draft.commitment
        rows.append(
            DraftAction(
                transcript=transcript,
                meeting=transcript.meeting,
                quote=found.quote,
                line=found.line,
                speaker=found.speaker[:200],
                person=draft.person,
                agency=draft.agency,
                agency_text=draft.agency_text[:200],
                to=found.to[:200],
                wording=found.action[:300],
                due=found.due[:200],
                confidence=found.confidence,
            )
        )
    return DraftAction.objects.bulk_create(rows)


@transaction.atomic
def transcript_store(
    *, meeting: Meeting, name: str, lines: list[str], drafts: list[Draft], by: User | None
) -> Transcript:
    """Keep a transcript read already (the command) and its drafts, waiting for review."""
    _officer(by, meeting)
    if len(lines) > MAX_LINES:
        raise ValidationError(f"A transcript may have up to {MAX_LINES:,} lines.")
    transcript = Transcript.objects.create(
        meeting=meeting,
        name=name[:200],
        lines=lines,
        status=Transcript.Status.DONE,
        progress=100,
        uploaded_by=by,
    )
    _save_drafts(transcript, drafts)
    return transcript


@transaction.atomic
def transcript_queue(*, meeting: Meeting, name: str, data: bytes, by: User) -> Transcript:
    """Keep an uploaded file and have the worker read it once the upload is committed."""
    _officer(by, meeting)
    transcript = Transcript.objects.create(
        meeting=meeting, name=name[:200], data=data, uploaded_by=by
    )
    from .tasks import read_transcript

    transaction.on_commit(lambda: read_transcript.delay(transcript.pk))
    return transcript


def transcript_read(transcript_id: int, report: Callable[[int], None] | None = None) -> str:
    """The worker's reading: lines, turns, drafts; progress saved as it goes; failure recorded."""
    claimed = Transcript.objects.filter(pk=transcript_id, status=Transcript.Status.QUEUED).update(
        status=Transcript.Status.READING, progress=5
    )
    if not claimed:
        return "not queued"  # read already, or being read by another worker
    transcript = Transcript.objects.select_related("meeting__committee").get(pk=transcript_id)

    def progress(percent: int) -> None:
        Transcript.objects.filter(pk=transcript_id).update(progress=percent)
        if report is not None:
            report(percent)

    try:
        lines = text_lines(transcript.name, bytes(transcript.data))
        if len(lines) > MAX_LINES:
            raise UnreadableTranscript(f"A transcript may have up to {MAX_LINES:,} lines.")
        progress(30)
        drafts = draft_actions(lines, meeting_matcher(transcript.meeting))
        progress(80)
    except UnreadableTranscript as error:
        Transcript.objects.filter(pk=transcript_id).update(
            status=Transcript.Status.FAILED, problem=str(error)[:300], data=b""
        )
        return "failed"
    with transaction.atomic():
        _save_drafts(transcript, drafts)
        Transcript.objects.filter(pk=transcript_id).update(
            status=Transcript.Status.DONE, progress=100, lines=lines, data=b""
        )
    return f"{len(drafts)} drafts"


def _pending(by: User, draft: DraftAction) -> DraftAction:
    """The draft locked for a decision; one decided already is not decided again."""
    _officer(by, draft.meeting)
    locked = DraftAction.objects.select_for_update().get(pk=draft.pk)
    if locked.state != DraftAction.State.PENDING:
        raise ValidationError(f"This draft is {locked.get_state_display().lower()} already.")
    return locked


def _source(draft: DraftAction) -> str:
    """The quote as the action's source, within its 200 characters (the draft keeps it all)."""
    where = f" (line {draft.line})"
    room = SOURCE_LIMIT - len(where) - 2  # the two quotation marks
    quote = draft.quote
    if len(quote) > room:
        quote = quote[: room - 1].rsplit(" ", 1)[0] + "…"
    return f"“{quote}”{where}"


@transaction.atomic
def draft_accept(
    *,
    by: User,
    draft: DraftAction,
    wording: str,
    owning_agency: Agency,
    owner: User | None = None,
    agenda_item: AgendaItem | None = None,
    due_text: str = "",
    due_date: datetime.date | None = None,
    co_agencies: list[Agency] | None = None,
    reference: str = "",
) -> Action:
    """Make the draft a real action (as worded by the reviewer), with its quote as the source."""
    locked = _pending(by, draft)
    meeting = locked.meeting
    action, _ = action_create(
        by=by,
        committee=meeting.committee,
        meeting=meeting,
        agenda_item=agenda_item,
        description=wording,
        owning_agency=owning_agency,
        owner=owner,
        due_text=due_text,
        due_date=due_date,
        co_agencies=co_agencies,
        reference=reference,
        source=_source(locked),
    )
    locked.state = DraftAction.State.ACCEPTED
    locked.action = action
    locked.wording = wording[:300]
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.save(update_fields=["state", "action", "wording", "decided_by", "decided_at"])
    return action


@transaction.atomic
def draft_reject(*, by: User, draft: DraftAction) -> DraftAction:
    """Set the draft aside: it was not a commitment."""
    locked = _pending(by, draft)
    locked.state = DraftAction.State.REJECTED
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at"])
    return locked


@transaction.atomic
def draft_merge(*, by: User, draft: DraftAction, into: DraftAction) -> DraftAction:
    """Fold a restatement into another draft of the same meeting; its quote is noted there."""
    locked = _pending(by, draft)
    if into.pk == locked.pk or into.meeting_id != locked.meeting_id:
        raise ValidationError("Merge a draft into another draft of the same meeting.")
    target = DraftAction.objects.select_for_update().get(pk=into.pk)
    if target.state == DraftAction.State.REJECTED or target.state == DraftAction.State.MERGED:
        raise ValidationError("That draft was rejected or merged: merge into a live one.")
    locked.state = DraftAction.State.MERGED
    locked.merged_into = target
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.save(update_fields=["state", "merged_into", "decided_by", "decided_at"])
    also = f"Also said at line {locked.line}: “{locked.quote}”"
    target.note = (f"{target.note}\n{also}" if target.note else also)[:2000]
    target.save(update_fields=["note"])
    return locked
