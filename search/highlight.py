"""Highlighted snippets that can never let stored HTML through.

PostgreSQL's ts_headline marks matches with StartSel/StopSel strings of our choosing. Markers
made of random letters and digits for each search cannot be predicted by anyone who wrote the
stored text and pass through HTML escaping unchanged; the whole headline is escaped first and
only then are the markers turned into <mark> elements.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 240


@dataclass(frozen=True)
class Markers:
    """A pair of match markers for one search."""

    start: str
    stop: str

    @classmethod
    def fresh(cls) -> Markers:
        """Markers nobody could have typed into the stored text."""
        token = secrets.token_hex(8)
        return cls(f"qs{token}b", f"qs{token}e")

    def to_html(self, headline: str) -> SafeString:
        """The headline escaped, its marked words in <mark>; stray markers dropped."""
        escaped = str(escape(headline))
        opened = False
        out: list[str] = []
        for part in re.split(f"({self.start}|{self.stop})", escaped):
            if part == self.start and not opened:
                out.append("<mark>")
                opened = True
            elif part == self.stop and opened:
                out.append("</mark>")
                opened = False
            elif part not in (self.start, self.stop):
                out.append(part)
        if opened:
            out.append("</mark>")
        return mark_safe("".join(out))  # escaped text and our own tags only


def plain_highlight(text: str, words: list[str], *, whole: bool = False) -> SafeString:
    """The fallback's snippet (SQLite): the text around the first word found, escaped, every
    occurrence of the words marked. `whole` keeps the whole text (a title)."""
    if not text:
        return mark_safe("")
    found = [m.start() for w in words if (m := re.search(re.escape(w), text, re.IGNORECASE))]
    if not whole and len(text) > SNIPPET_CHARS:
        start = max(0, min(found, default=0) - SNIPPET_CHARS // 3)
        text = ("… " if start else "") + text[start : start + SNIPPET_CHARS].strip() + " …"
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(str(escape(text[last : match.start()])))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(str(escape(text[last:])))
    return mark_safe("".join(out))  # every piece of text is escaped
