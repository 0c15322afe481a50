"""Read the words of papers uploaded before their text was kept, so that search finds them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meetings.models import Paper
from meetings.paper_text import extract_text


class Command(BaseCommand):
    """manage.py paper_text [--all]: fill in the text of papers that have none."""

    help = "Read the text of PDF and text papers that have none yet (--all: read every paper)."

    def add_arguments(self, parser: CommandParser) -> None:
        """--all re-reads papers that already have text."""
        parser.add_argument("--all", action="store_true", help="Re-read every paper.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Read each paper's file, one at a time; a missing or broken file is skipped."""
        papers = Paper.objects.only("pk", "file", "content_type")
        if not options["all"]:
            papers = papers.filter(text="")
        read = empty = 0
        for paper in papers.iterator(chunk_size=100):
            try:
                with paper.file.open("rb") as handle:
                    text = extract_text(handle, paper.content_type)
            except OSError:
                text = ""
            Paper.objects.filter(pk=paper.pk).update(text=text)
            if text:
                read += 1
            else:
                empty += 1
        self.stdout.write(f"Read the text of {read} paper(s); {empty} had none that could be read.")
