"""Upload sniffing: the content decides, not the name or the browser's word."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import sniff_upload

ALLOWED = {"pdf": {"application/pdf"}, "png": {"image/png"}}
TEXT = {"txt": "text/plain", "csv": "text/csv"}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _sniff(name: str, content: bytes, **kwargs) -> str:
    upload = SimpleUploadedFile(name, content)
    return sniff_upload(upload, name.rsplit(".", 1)[-1], allowed=ALLOWED, text=TEXT, **kwargs)


def test_a_real_pdf_and_a_text_file_pass_with_their_type():
    assert _sniff("a.pdf", PDF) == "application/pdf"
    assert _sniff("a.csv", b"Name,Agency\nAnn,MPS\n") == "text/csv"


def test_a_multibyte_character_cut_at_the_sniff_edge_is_still_text():
    assert _sniff("a.txt", "é".encode() * 4096 + b"\xc3") == "text/plain"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.pdf", b"just text pretending", "The file's content is not a PDF file."),
        ("a.txt", b"binary\x00\x01", "The file's content is not a TXT file."),
        ("a.exe", b"MZ\x90\x00", "The file must be a CSV, PDF, PNG, TXT."),
    ],
)
def test_wrong_content_is_refused_on_the_field(name, content, message):
    with pytest.raises(ValidationError) as caught:
        _sniff(name, content, field="evidence")
    assert message in caught.value.message_dict["evidence"][0]


def test_size_limits_when_asked():
    with pytest.raises(ValidationError, match="smaller than 1 MB"):
        _sniff("a.txt", b"x" * (1024 * 1024 + 1), max_bytes=1024 * 1024)
    with pytest.raises(ValidationError, match="empty"):
        _sniff("a.txt", b"", max_bytes=1024 * 1024)


def test_the_upload_is_left_at_its_start():
    upload = SimpleUploadedFile("a.pdf", PDF)
    sniff_upload(upload, "pdf", allowed=ALLOWED)
    assert upload.read() == PDF
