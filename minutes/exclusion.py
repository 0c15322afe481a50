"""The exclusion of the press and public, minuted before the first exempt item of a committee
that meets in public (Local Government Act 1972, section 100A and Schedule 12A)."""

from __future__ import annotations

from collections.abc import Iterable

from meetings.exempt import exclusion_resolution
from meetings.models import AgendaItem, Meeting
from meetings.selectors import AgendaRow


def exclusion_for(meeting: Meeting, rows: Iterable[AgendaRow]) -> tuple[int, str] | None:
    """(id of the first exempt row, the resolution), or None when the meeting had none. The
    rows may be placeholders: that an item is exempt, and why, is no secret (the public pages
    say it too)."""
    if not meeting.committee.is_public:
        return None
    first = next((row for row in rows if row.restricted), None)
    if first is None:
        return None
    paragraphs = AgendaItem.objects.filter(
        meeting=meeting, restricted=True, exempt_paragraph__isnull=False
    ).values_list("exempt_paragraph", flat=True)
    return first.id, exclusion_resolution(p for p in paragraphs if p is not None)
