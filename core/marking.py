"""Protective markings (DESIGN.md section 8): restricted content is OFFICIAL-SENSITIVE.

A page, PDF, email or CSV that carries the content of a restricted item is marked
OFFICIAL-SENSITIVE with its committee's handling words ("Do not forward outside the
partnership"); anything else is OFFICIAL, shown only when MARK_OFFICIAL is on. Whether something
carries restricted content is not decided here: the log of reads records every restricted object
a response shows (audit.shown), and the caller turns that into a `Marking`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

OFFICIAL = "OFFICIAL"
OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"
DEFAULT_HANDLING = "Do not forward outside the partnership"
HANDLING_LIMIT = 200
SUBJECT_PREFIX = f"{OFFICIAL_SENSITIVE}: "


@dataclass(frozen=True)
class Marking:
    """The marking of one page, document, email or download."""

    sensitive: bool
    handling: tuple[str, ...] = ()
    show_official: bool = False

    @property
    def label(self) -> str:
        """OFFICIAL-SENSITIVE, OFFICIAL, or nothing (OFFICIAL when it is not to be shown)."""
        if self.sensitive:
            return OFFICIAL_SENSITIVE
        return OFFICIAL if self.show_official else ""

    @property
    def handling_text(self) -> str:
        """The handling words, one committee's after another's."""
        return " ".join(words.rstrip(".") + "." for words in self.handling)

    @property
    def line(self) -> str:
        """The whole marking on one line ("OFFICIAL-SENSITIVE. Do not forward ...")."""
        if not self.label:
            return ""
        return f"{self.label}. {self.handling_text}".strip() if self.handling else self.label

    def subject(self, subject: str) -> str:
        """An email's subject, prefixed with the marking when the email is sensitive."""
        if not self.sensitive or subject.startswith(SUBJECT_PREFIX):
            return subject
        return SUBJECT_PREFIX + subject


def official() -> Marking:
    """The marking of what carries no restricted content (shown if MARK_OFFICIAL is on)."""
    return Marking(sensitive=False, show_official=settings.MARK_OFFICIAL)


def sensitive(handling: Iterable[str]) -> Marking:
    """OFFICIAL-SENSITIVE, with these handling words (each once, in order)."""
    words = tuple(dict.fromkeys(w.strip() for w in handling if w and w.strip()))
    return Marking(sensitive=True, handling=words or (DEFAULT_HANDLING,))
