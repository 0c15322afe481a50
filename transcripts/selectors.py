"""Reads of transcripts, for a meeting's chairs and secretariat (the views check that first)."""

from __future__ import annotations

from dataclasses import dataclass

from meetings.models import Meeting

from .models import DraftAction, Transcript

# Lines shown either side of a quote.
CONTEXT = 3


@dataclass
class InContext:
    """A draft beside the lines around its quote, as (number, text, is the quote's line)."""

    draft: DraftAction
    lines: list[tuple[int, str, bool]]


def meeting_transcripts(meeting: Meeting) -> list[Transcript]:
    """The meeting's transcripts, newest first, without their stored files."""
    return list(Transcript.objects.filter(meeting=meeting).defer("data", "lines"))


def drafts_in_context(meeting: Meeting) -> tuple[list[InContext], list[DraftAction]]:
    """(pending drafts with the lines around each quote, decided drafts) of a meeting."""
    drafts = list(
        DraftAction.objects.filter(meeting=meeting).select_related(
            "agency", "person", "action", "merged_into"
        )
    )
    texts = dict(
        Transcript.objects.filter(pk__in={d.transcript_id for d in drafts}).values_list(
            "pk", "lines"
        )
    )
    pending, decided = [], []
    for draft in drafts:
        if draft.state != DraftAction.State.PENDING:
            decided.append(draft)
            continue
        lines = texts.get(draft.transcript_id) or []
        around = [
            (number, lines[number - 1], number == draft.line)
            for number in range(max(1, draft.line - CONTEXT), draft.line + CONTEXT + 1)
            if number <= len(lines) and lines[number - 1].strip()
        ]
        pending.append(InContext(draft=draft, lines=around))
    return pending, decided
