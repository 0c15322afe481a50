"""The agenda pack is a pack: the agenda, then each PDF paper the reader may see, merged.

A restricted item's papers are in the pack of those granted it (and the officers) only, and the
merge is logged like a download; papers that are not PDFs are listed as not included.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from audit.models import RestrictedRead
from meetings import services
from meetings.models import Paper
from tests.agenda_fixtures import add
from tests.factories import person_in

pytestmark = pytest.mark.django_db

PUBLIC_WORD = "Goldcrest"
SECRET_WORD = "Ptarmigan"


def pdf_pages(word: str, pages: int) -> bytes:
    """A small PDF whose every page says `word` and its page number."""
    buffer = BytesIO()
    drawing = canvas.Canvas(buffer)
    for number in range(1, pages + 1):
        drawing.drawString(100, 700, f"{word} page {number}")
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def upload(item, name: str, content: bytes, title: str) -> Paper:
    return services.paper_add(item=item, upload=SimpleUploadedFile(name, content), title=title)


@pytest.fixture
def papers(meeting, secret_item):
    """A one-page public PDF, a public text file, and a two-page PDF on the restricted item."""
    meeting.refresh_from_db()
    public = services.item_create(
        meeting=meeting, expected_revision=None, title="Knife crime update"
    )
    upload(public, "dashboard.pdf", pdf_pages(PUBLIC_WORD, 1), "Knife crime dashboard")
    upload(public, "figures.txt", b"some figures", "Raw figures")
    secret = upload(secret_item, "appendix.pdf", pdf_pages(SECRET_WORD, 2), "Secret appendix")
    return secret


def pack_for(client, meeting) -> PdfReader:
    response = client.get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(BytesIO(response.content))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def front_pages(reader: PdfReader) -> int:
    """The pages before the first merged paper (the agenda's own)."""
    return next(i for i, page in enumerate(reader.pages) if "page 1" in (page.extract_text() or ""))


def test_granted_reader_gets_the_restricted_paper_merged(world, meeting, papers, signed_in):
    granted = person_in(world.mopac, email="analyst@mopac.example")
    reader = pack_for(signed_in(granted), meeting)
    text = text_of(reader)
    assert f"{SECRET_WORD} page 1" in text and f"{SECRET_WORD} page 2" in text
    assert f"{PUBLIC_WORD} page 1" in text
    # The agenda, then the public paper (item 4 comes after item 3 ... in agenda order).
    assert len(reader.pages) == front_pages(reader) + 1 + 2
    assert text.index(f"{SECRET_WORD} page 1") < text.index(f"{PUBLIC_WORD} page 1")
    assert "Raw figures" in text and "not a PDF, so not in this pack" in text
    outline = [entry.title for entry in reader.outline]
    assert outline == ["3 Secret appendix", "4 Knife crime dashboard"]
    logged = RestrictedRead.objects.filter(reader=granted, kind="paper", object_id=papers.pk)
    assert logged.filter(surface="meetings:agenda_pdf").count() == 1


def test_ungranted_reader_gets_no_restricted_paper(world, meeting, papers, signed_in):
    reader = pack_for(signed_in(world.member), meeting)
    text = text_of(reader)
    assert SECRET_WORD not in text
    assert "Secret appendix" not in text
    assert f"{PUBLIC_WORD} page 1" in text
    assert len(reader.pages) == front_pages(reader) + 1
    assert [entry.title for entry in reader.outline] == ["4 Knife crime dashboard"]
    assert not RestrictedRead.objects.filter(reader=world.member, kind="paper").exists()


def test_officers_get_every_paper(world, meeting, papers, signed_in):
    reader = pack_for(signed_in(world.clerk), meeting)
    assert len(reader.pages) == front_pages(reader) + 3


def test_a_paper_that_does_not_parse_is_listed_not_merged(world, meeting, signed_in):
    item = add(meeting, "Budget", after=meeting.items.get(kind="minutes"))
    broken = upload(item, "budget.pdf", pdf_pages("Budget", 1), "Budget report")
    # Damaged in storage after the upload was sniffed.
    storage = broken.file.storage
    name = storage.save("papers/damaged.pdf", ContentFile(b"%PDF-1.4\nnot really a pdf"))
    Paper.objects.filter(pk=broken.pk).update(file=name)
    reader = pack_for(signed_in(world.member), meeting)
    text = text_of(reader)
    assert "Budget report" in text and "not in this pack" in text
    assert "Budget page 1" not in text


def test_outsiders_get_no_pack(world, meeting, papers, signed_in):
    response = signed_in(world.outsider).get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert response.status_code == 404
