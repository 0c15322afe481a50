"""What of restricted content the current request has shown: the signal behind the markings
and the disclosure log.

`record_reads` (audit.services) is where every page, PDF, CSV, download and API answer says
which restricted objects it shows. It also notes them here, for the request being served
(audit.middleware.ShownMiddleware opens a fresh note per request), so that the response is
marked OFFICIAL-SENSITIVE exactly when it shows restricted content, and each disclosure is
logged once, whatever the route: one rule, not a second one that could drift from the first.
Outside a request (tasks, commands, tests calling services) nothing is noted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Disclosed:
    """One restricted object shown: what it is, its item, meeting and committee, and which
    version of it (e.g. "agenda revision 4", "minute revision 2")."""

    kind: str
    object_id: int
    item_id: int
    meeting_id: int | None
    committee_id: int
    version: str = ""
    label: str = ""


@dataclass
class Shown:
    """What one request has shown so far."""

    disclosed: list[Disclosed] = field(default_factory=list)
    # Committees whose restricted content the response shows without a logged read (the log's
    # own page names items to their officers): marked, but no disclosure of an object.
    marked: set[int] = field(default_factory=set)

    @property
    def committees(self) -> set[int]:
        """The committees whose restricted content is shown."""
        return {d.committee_id for d in self.disclosed} | self.marked


_shown: ContextVar[Shown | None] = ContextVar("audit_shown", default=None)


@contextmanager
def watching() -> Iterator[Shown]:
    """Note what is shown until the block ends (one request)."""
    shown = Shown()
    token = _shown.set(shown)
    try:
        yield shown
    finally:
        _shown.reset(token)


def note(disclosed: Iterable[Disclosed]) -> None:
    """Add these restricted objects to what the current request shows (nothing outside one)."""
    shown = _shown.get()
    if shown is not None:
        shown.disclosed.extend(disclosed)


def mark(committee_ids: Iterable[int]) -> None:
    """Mark the current response as showing these committees' restricted content."""
    shown = _shown.get()
    if shown is not None:
        shown.marked.update(committee_ids)


def shown_committees() -> set[int]:
    """The committees whose restricted content the current request has shown so far."""
    shown = _shown.get()
    return shown.committees if shown is not None else set()
