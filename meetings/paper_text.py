"""The words of a paper, read once at upload so that search can find them.

Only PDFs (pypdf) and plain-text papers are read. Reading is bounded: at most MAX_PAGES pages,
MAX_TEXT_CHARS characters and about MAX_SECONDS of work (checked between pages: pypdf cannot be
interrupted inside a page, so one pathological page can overrun, but a long document cannot). A
file that does not parse still uploads: it is kept with no text and search finds it by its title.
"""

from __future__ import annotations

import logging
import time
from typing import IO

from pypdf import PdfReader

logger = logging.getLogger(__name__)

MAX_PAGES = 300
MAX_TEXT_CHARS = 200_000
MAX_SECONDS = 10.0
PDF = "application/pdf"
TEXT_TYPES = frozenset({"text/plain", "text/csv"})


def _clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL; other control characters only get in the way of a snippet.
    kept = "".join(c if c.isprintable() or c in "\n\t" else " " for c in text)
    return kept[:MAX_TEXT_CHARS]


def _pdf_text(handle: IO[bytes]) -> str:
    reader = PdfReader(handle)
    if reader.is_encrypted and not reader.decrypt(""):
        return ""
    deadline = time.monotonic() + MAX_SECONDS
    parts: list[str] = []
    length = 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES or length >= MAX_TEXT_CHARS or time.monotonic() > deadline:
            break
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text) + 1
    return "\n".join(parts)


def extract_text(handle: IO[bytes], content_type: str) -> str:
    """The text of a paper's file (open, at its start), or "" when it has none or cannot be
    read. Never raises for a bad file: a paper that does not parse is still a paper."""
    try:
        if content_type == PDF:
            return _clean(_pdf_text(handle))
        if content_type in TEXT_TYPES:
            return _clean(handle.read(MAX_TEXT_CHARS * 4).decode("utf-8", errors="replace"))
    except Exception:  # pypdf raises many kinds of error on broken files
        logger.warning("Could not read the text of a paper", exc_info=True)
    return ""
