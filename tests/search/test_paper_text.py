"""Papers keep their words for search: read at upload, bounded, and a broken PDF still uploads."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from meetings import paper_text, services
from meetings.models import Paper

from .conftest import pdf_with

pytestmark = pytest.mark.django_db


def _upload(world, item, name: str, content: bytes) -> Paper:
    return services.paper_add(
        item=item, upload=SimpleUploadedFile(name, content), title="", by=world.clerk
    )


def test_a_pdf_paper_keeps_its_text(world, meeting, secret_item):
    paper = _upload(world, secret_item, "report.pdf", pdf_with("Custody deaths in Lambeth"))
    assert "Custody deaths in Lambeth" in paper.text
    paper.file.open("rb")
    assert paper.file.read(5) == b"%PDF-"  # the file is stored whole after reading it


def test_a_pdf_that_does_not_parse_is_still_uploaded_with_no_text(world, meeting, secret_item):
    paper = _upload(world, secret_item, "broken.pdf", b"%PDF-1.4\n\x00\xff garbage")
    assert paper.pk and paper.text == ""


def test_a_text_paper_keeps_its_words(world, meeting, secret_item):
    paper = _upload(world, secret_item, "notes.txt", "Line one and two, café".encode())
    assert paper.text == "Line one and two, café"


def test_nul_and_control_characters_are_not_kept():
    # PostgreSQL text cannot hold NUL (a PDF's text layer may).
    assert paper_text._clean("a\x00b\x07c\nd") == "a b c\nd"


def test_pictures_and_office_files_have_no_text(world, meeting, secret_item):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    assert _upload(world, secret_item, "photo.png", png).text == ""


def test_the_text_kept_is_bounded(world, meeting, secret_item, monkeypatch):
    monkeypatch.setattr(paper_text, "MAX_TEXT_CHARS", 10)
    paper = _upload(world, secret_item, "notes.txt", b"abcdefghijklmnopqrstuvwxyz")
    assert paper.text == "abcdefghij"


def test_the_pages_read_are_bounded(world, meeting, secret_item, monkeypatch):
    monkeypatch.setattr(paper_text, "MAX_PAGES", 0)
    assert _upload(world, secret_item, "report.pdf", pdf_with("Unread words")).text == ""


def test_papers_uploaded_before_are_read_by_the_command(world, meeting, secret_item):
    paper = _upload(world, secret_item, "report.pdf", pdf_with("Backfilled words"))
    Paper.objects.filter(pk=paper.pk).update(text="")
    out = StringIO()
    call_command("paper_text", stdout=out)
    paper.refresh_from_db()
    assert "Backfilled words" in paper.text
    assert "Read the text of 1 paper(s)" in out.getvalue()
    call_command("paper_text", stdout=out)  # nothing left to read
    assert "Read the text of 0 paper(s)" in out.getvalue()
