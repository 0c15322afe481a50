"""The matrix entries of a meeting's drafted actions (transcripts): only the meeting's chairs
and secretariat see or decide them; the others get 403 (a partner) or 404."""

from __future__ import annotations

from collections.abc import Callable

from transcripts.models import DraftAction, Transcript

from .matrix import get, post, u
from .world import OFFICERS, SecurityWorld

TRANSCRIPT = b"Ann Lee (MPS): We will write to the Committee with the figures.\n"


def _draft(w: SecurityWorld) -> DraftAction:
    """A pending draft of the world's meeting (made once, kept by the matrix's rollback)."""
    found = DraftAction.objects.filter(meeting=w.meeting).first()
    if found is not None:
        return found
    transcript = Transcript.objects.create(
        meeting=w.meeting, name="hearing.txt", status=Transcript.Status.DONE, progress=100,
        lines=[TRANSCRIPT.decode().strip()],
    )  # fmt: skip
    return DraftAction.objects.create(
        transcript=transcript, meeting=w.meeting, quote="We will write to the Committee.",
        line=1, speaker="Ann Lee", agency=w.mps, wording="Write to the Committee",
        confidence=0.8,
    )  # fmt: skip


def _accept(w: SecurityWorld) -> dict:
    draft = _draft(w)
    return {
        f"d{draft.pk}-wording": "Write to the Committee",
        f"d{draft.pk}-owning_agency": w.mps.pk,
    }


ENTRIES: dict[str, Callable] = {
    "transcripts:review": lambda w: [get(u("transcripts:review", w.meeting.pk), to=OFFICERS)],
    "transcripts:upload": lambda w: [
        post(u("transcripts:upload", w.meeting.pk), files={"upload": ("hearing.txt", TRANSCRIPT)}),
    ],
    "transcripts:accept": lambda w: [post(u("transcripts:accept", _draft(w).pk), _accept(w))],
    "transcripts:merge": lambda w: [
        post(u("transcripts:merge", _draft(w).pk), {f"m{_draft(w).pk}-into": _draft(w).pk}),
    ],
    "transcripts:reject": lambda w: [post(u("transcripts:reject", _draft(w).pk))],
}
