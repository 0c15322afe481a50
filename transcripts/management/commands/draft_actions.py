"""`manage.py draft_actions FILE [--meeting PK] [--json]`: draft actions from a transcript."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meetings.models import Meeting

from ...drafting import draft_actions
from ...matching import SpeakerMatcher
from ...reading import UnreadableTranscript, text_lines
from ...services import transcript_store


class Command(BaseCommand):
    help = "Draft actions from a meeting transcript (.txt, .docx, .vtt, .srt)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The transcript file.")
        parser.add_argument(
            "--meeting",
            type=int,
            help="Store the drafts against this meeting for its chairs and clerks to review.",
        )
        parser.add_argument("--json", action="store_true", help="Print a JSON list.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            lines = text_lines(path.name, path.read_bytes())
        except UnreadableTranscript as error:
            raise CommandError(str(error)) from error
        meeting = None
        preferred: set[int] = set()
        if options["meeting"] is not None:
            meeting = (
                Meeting.objects.select_related("committee").filter(pk=options["meeting"]).first()
            )
            if meeting is None:
                raise CommandError(f"No meeting has the id {options['meeting']}.")
            committee = meeting.committee
            preferred = {committee.host_id, *committee.member_agencies.values_list("pk", flat=True)}
        drafts = draft_actions(lines, SpeakerMatcher(preferred=preferred))
        if meeting is not None:
            transcript_store(meeting=meeting, name=path.name, lines=lines, drafts=drafts, by=None)
        if options["json"]:
            self.stdout.write(
                json.dumps([d.as_json() for d in drafts], indent=2, ensure_ascii=False)
            )
            return
        for draft in drafts:
            row = draft.as_json()
            self.stdout.write(
                f"{row['line']:>5}  {row['speaker']} ({row['agency'] or 'agency unknown'})"
                f"{' → ' + str(row['to']) if row['to'] else ''}"
                f"{'  due ' + str(row['due']) if row['due'] else ''}  [{row['confidence']}]\n"
                f"       {row['action']}\n       “{row['quote']}”\n"
            )
        self.stdout.write(f"{len(drafts)} draft action(s).")
