"""Writes for meetings, agendas, papers and publishing: `from meetings import services`.

Each sub-module holds one sub-domain; this package names their services in one place.
"""

from .agenda import (
    VIEW_PERM,
    agenda_apply_template,
    item_create,
    item_delete,
    item_grants,
    item_move,
    item_restrict,
    item_update,
)
from .calendar_feeds import calendar_feed_renew, calendar_feed_revoke
from .lifecycle import (
    MOVES,
    can_move,
    meeting_cancel,
    meeting_has_begun,
    meeting_mark_held,
    meeting_minutes_progress,
    meetings_mark_past_held,
)
from .meetings import meeting_create, meeting_update
from .papers import (
    MAX_PAPER_BYTES,
    PAPER_TYPES,
    TEXT_TYPES,
    paper_add,
    paper_delete,
    paper_file_name,
    question_add,
)
from .publishing import agenda_notices_queue, agenda_publish, snapshot
from .questions import (
    question_accept,
    question_decline,
    question_merge,
    question_submit,
    questions_close_at,
    takes_questions,
)
from .revision import StaleAgenda

__all__ = [
    "MAX_PAPER_BYTES",
    "MOVES",
    "PAPER_TYPES",
    "TEXT_TYPES",
    "VIEW_PERM",
    "StaleAgenda",
    "agenda_apply_template",
    "agenda_notices_queue",
    "agenda_publish",
    "calendar_feed_renew",
    "calendar_feed_revoke",
    "can_move",
    "item_create",
    "item_delete",
    "item_grants",
    "item_move",
    "item_restrict",
    "item_update",
    "meeting_cancel",
    "meeting_create",
    "meeting_has_begun",
    "meeting_mark_held",
    "meeting_minutes_progress",
    "meeting_update",
    "meetings_mark_past_held",
    "paper_add",
    "paper_delete",
    "paper_file_name",
    "question_accept",
    "question_add",
    "question_decline",
    "question_merge",
    "question_submit",
    "questions_close_at",
    "snapshot",
    "takes_questions",
]
