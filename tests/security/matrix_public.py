"""The public pages in the URL x persona matrix: the world's committee meets in public, so each
page faces every secret of its restricted items (exempt ones), including the item restricted
after its agenda was published (its title is in the published snapshot). Nobody, signed in or
not, finds a word of them there; a restricted paper is a 404 for everyone."""

from __future__ import annotations

from .matrix import get, u


def _entries() -> dict:
    return {
        "public:index": lambda w: [get(u("public:index"))],
        "public:meeting": lambda w: [
            get(u("public:meeting", w.meeting.pk)),
            get(u("public:meeting", w.next_meeting.pk)),
            get(u("public:meeting", w.other_meeting.pk)),
        ],
        "public:paper": lambda w: [
            get(u("public:paper", w.public_paper.pk)),
            get(u("public:paper", w.paper.pk), own=True),
        ],
        "public:calendar": lambda w: [
            get(u("public:calendar", w.committee.short_name)),
            get(u("public:calendar", w.other_committee.short_name)),
        ],
    }


ENTRIES = _entries()
