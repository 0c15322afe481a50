"""Justice Matters' actions as the product makes them: its transcript is drafted (transcripts),
and the demo chair accepts the drafts that were promises; the rest wait on the review page."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from actions.models import Action
from agencies.models import Agency, User
from meetings.models import AgendaItem, Committee, Meeting
from transcripts.drafting import draft_actions
from transcripts.models import DraftAction, Transcript
from transcripts.reading import text_lines
from transcripts.services import draft_accept, meeting_matcher, transcript_store

LONDON = ZoneInfo("Europe/London")
TRANSCRIPTS = Path(__file__).resolve().parent / "data" / "transcripts"
# The demo meetings whose transcript is drafted: committee, start (London), file.
DRAFTED = [("JM", "2016-11-28T10:30", "justice-matters-2016-11-28-transcript.txt")]


def _meeting(committee: Committee, starts: str) -> Meeting:
    starts_at = datetime.fromisoformat(starts).replace(tzinfo=LONDON)
    return Meeting.objects.get(committee=committee, starts_at=starts_at)


def load_transcripts_demo(committees: dict[str, Committee], people: dict[str, User]) -> int:
    """Draft the demo transcripts against their meetings (once); returns the drafts stored."""
    stored = 0
    for short_name, starts, name in DRAFTED:
        committee = committees[short_name]
        meeting = _meeting(committee, starts)
        if Transcript.objects.filter(meeting=meeting, name=name).exists():
            continue
        lines = text_lines(name, (TRANSCRIPTS / name).read_bytes())
        drafts = draft_actions(lines, meeting_matcher(meeting))
        clerk = committee.secretariat.order_by("pk").first()
        transcript_store(meeting=meeting, name=name, lines=lines, drafts=drafts, by=clerk)
        stored += len(drafts)
    return stored


def accept_draft(
    row: dict,
    *,
    meeting: Meeting,
    item: AgendaItem | None,
    owning_agency: Agency,
    owner: User | None,
    co_agencies: list[Agency],
    due_date: date | None,
) -> Action:
    """The action of a demo row said at transcript line `row["line"]`: the meeting's first
    chair accepts the draft there, worded as the row words it."""
    chair = meeting.committee.chairs.order_by("pk").first()
    if chair is None:
        raise ValueError(f"{meeting.committee} has no chair to accept its drafts.")
    draft = DraftAction.objects.filter(
        meeting=meeting, line=row["line"], state=DraftAction.State.PENDING
    ).first()
    if draft is None:
        raise ValueError(f"{row['reference']}: no pending draft starts on line {row['line']}.")
    return draft_accept(
        by=chair,
        draft=draft,
        wording=row["description"],
        owning_agency=owning_agency,
        owner=owner,
        agenda_item=item,
        due_text=row["due_text"],
        due_date=due_date,
        co_agencies=co_agencies,
        reference=row["reference"],
    )
