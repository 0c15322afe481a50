"""A transcript's lines to draft actions, speakers matched: shared by the command and the worker."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from agencies.models import Agency, User

from .extract import Commitment, commitments
from .matching import SpeakerMatcher
from .reading import split_turns


@dataclass
class Draft:
    """A commitment with the directory's reading of its speaker."""

    commitment: Commitment
    person: User | None
    agency: Agency | None
    agency_text: str

    def as_json(self) -> dict[str, object]:
        """The command's JSON object for this draft (the issue's field names)."""
        found = asdict(self.commitment)
        return {
            "quote": found["quote"],
            "line": found["line"],
            "speaker": found["speaker"],
            "agency": self.agency.short_name if self.agency is not None else self.agency_text,
            "to": found["to"],
            "action": found["action"],
            "due": found["due"],
            "confidence": found["confidence"],
        }


def draft_actions(lines: list[str], matcher: SpeakerMatcher | None = None) -> list[Draft]:
    """Every commitment in the transcript's lines, its speaker matched against the directory."""
    matcher = matcher or SpeakerMatcher()
    turns, _ = split_turns(lines)
    drafts = []
    for found in commitments(turns):
        speaker = matcher.match(found.label)
        drafts.append(
            Draft(
                commitment=found,
                person=speaker.person,
                agency=speaker.agency,
                agency_text=speaker.agency_text,
            )
        )
    return drafts
