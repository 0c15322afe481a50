"""Uploaded file names: shown cleaned, stored under a random name; text files with a NUL refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import display_name, extension_of, sniff_upload, stored_name


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\clerk\\report.pdf", "report.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # right-to-left override removed
        ("a\u200bb\x07c.txt", "abc.txt"),  # zero-width space and a bell
        ("Minutes\r\nBoard.txt", "Minutes Board.txt"),
        ("..", "file"),
        ("", "file"),
    ],
)
def test_display_name_is_cleaned(name, shown):
    assert display_name(name) == shown


def test_display_name_is_truncated_keeping_the_extension():
    shown = display_name("a" * 250 + ".pdf")
    assert len(shown) == 200 and shown.endswith("aaaa.pdf")


def test_the_extension_is_the_one_shown():
    assert extension_of("invoice\u202efdp.exe") == "exe"
    assert extension_of("Report.PDF") == "pdf"
    assert extension_of("README") == ""


def test_stored_names_are_random_and_carry_nothing_typed():
    first, second = stored_name("pdf"), stored_name("pdf")
    assert first != second and first.endswith(".pdf") and len(first) == 36
    assert "/" not in stored_name("../x") and "." not in stored_name("../x")


def test_a_nul_deep_in_a_text_file_is_refused():
    upload = SimpleUploadedFile("notes.txt", b"a" * 100_000 + b"\x00" + b"b" * 10)
    with pytest.raises(ValidationError):
        sniff_upload(upload, "txt", allowed={}, text={"txt": "text/plain"})
