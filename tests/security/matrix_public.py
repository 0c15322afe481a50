"""The public pages in the URL x persona matrix: the world's committee meets in public, so each
page faces every secret of its restricted items (exempt ones), including the item restricted
after its agenda was published (its title is in the published snapshot). Nobody, signed in or
not, finds a word of them there; a restricted paper is a 404 for everyone."""

from __future__ import annotations

from meetings.models import PublicQuestion
from public_pages.models import RemovableRecord

from .matrix import OFFICERS, get, post, u

ASKED = {
    "name": "Pat Resident",
    "email": "pat@example.org",
    "question": "How many officers patrol at night?",
    "consent": "on",
}


def _pending(w) -> PublicQuestion:
    """The world's question from the public waiting for the clerk."""
    return PublicQuestion.objects.get(meeting=w.next_meeting, status="pending", email="")


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
        "public:ask": lambda w: [
            get(u("public:ask", w.next_meeting.pk)),
            post(u("public:ask", w.next_meeting.pk), ASKED),
            get(u("public:ask", w.meeting.pk)),
        ],
        "meetings:questions": lambda w: [
            get(u("meetings:questions", w.next_meeting.pk), to=OFFICERS),
        ],
        "meetings:question_decide": lambda w: [
            post(u("meetings:question_decide", _pending(w).pk), {"decision": "decline"}),
        ],
        # The marks of the retention job: the committee's officers read them (the restricted
        # paper named, the read logged); everyone else signed in is told there is no such page.
        "public_records:removable": lambda w: [
            get(
                u("public_records:removable", w.committee.short_name),
                shows=("paper",),
                to=OFFICERS,
                own=True,
            ),
            get(u("public_records:removable", w.other_committee.short_name), own=True),
        ],
        "public:calendar": lambda w: [
            get(u("public:calendar", w.committee.short_name)),
            get(u("public:calendar", w.other_committee.short_name)),
        ],
    }


ENTRIES = _entries()
# The admin never names the restricted paper a mark is for.
ADMIN_ENTRIES = {
    "public_pages.removablerecord": (
        "plain",
        lambda w: [RemovableRecord.objects.get(paper=w.paper)],
    ),
}
