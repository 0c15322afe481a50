"""Markings (issue 16, section 2): restricted content is OFFICIAL-SENSITIVE, at the top and
bottom of every page that shows it, with its committee's handling words; other pages are
OFFICIAL, or unmarked when MARK_OFFICIAL is off."""

from __future__ import annotations

import csv
import io
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from actions import emails
from core.marking import DEFAULT_HANDLING, Marking, official, sensitive
from core.pdf import build_pdf
from meetings.models import AgendaVersion
from meetings.notices import render_notice

from .checks import BACKEND
from .marking import pdf_pages
from .world import SECRETS

pytestmark = pytest.mark.django_db

SENSITIVE = 'data-marking="OFFICIAL-SENSITIVE"'
OFFICIAL = 'data-marking="OFFICIAL"'


def _page(client, user, url: str) -> str:
    client.force_login(user, backend=BACKEND)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _marks(page: str) -> list[int]:
    """Where the markings stand in the page."""
    found, at = [], page.find("data-marking=")
    while at != -1:
        found.append(at)
        at = page.find("data-marking=", at + 1)
    return found


def test_a_page_showing_restricted_content_is_marked_top_and_bottom(sworld, client):
    w = sworld
    page = _page(client, w.users["granted"], reverse("meetings:meeting", args=[w.meeting.pk]))
    assert SECRETS["title"] in page
    assert page.count(SENSITIVE) == 2 and OFFICIAL not in page
    top, bottom = _marks(page)
    assert top < page.index('id="main-content"') < page.index(SECRETS["title"]) < bottom
    assert page.count(DEFAULT_HANDLING) == 2


def test_the_same_page_without_restricted_content_is_official(sworld, client):
    w = sworld
    page = _page(client, w.users["member"], reverse("meetings:meeting", args=[w.meeting.pk]))
    assert SECRETS["title"] not in page and "Restricted item 3" in page
    assert SENSITIVE not in page and page.count(OFFICIAL) == 2
    assert DEFAULT_HANDLING not in page


def test_official_is_not_shown_when_switched_off(sworld, client, settings):
    w = sworld
    settings.MARK_OFFICIAL = False
    url = reverse("meetings:meeting", args=[w.meeting.pk])
    assert "data-marking" not in _page(client, w.users["member"], url)
    # Restricted content is marked whatever the setting.
    assert _page(client, w.users["granted"], url).count(SENSITIVE) == 2


def test_a_committees_own_handling_words_are_printed(sworld, client):
    w = sworld
    w.committee.handling_words = "Share only with the MOPAC Challenge panel"
    w.committee.save(update_fields=["handling_words"])
    url = reverse("actions:detail", args=[w.action.pk])
    page = _page(client, w.users["granted"], url)
    assert page.count("Share only with the MOPAC Challenge panel.") == 2
    assert DEFAULT_HANDLING not in page


def test_handling_words_are_bounded_and_default(sworld):
    field = type(sworld.committee)._meta.get_field("handling_words")
    assert field.max_length == 200 and field.default == DEFAULT_HANDLING


def test_the_log_page_is_marked_when_it_names_a_restricted_item(sworld, client):
    w = sworld
    assert _page(client, w.users["chair"], reverse("audit:log")).count(SENSITIVE) == 2
    # A lead sees reads only by placeholder: nothing restricted, nothing marked.
    page = _page(client, w.users["lead"], reverse("audit:log"))
    assert SECRETS["title"] not in page and SENSITIVE not in page


def test_marking_lines_and_subjects():
    assert sensitive([]).line == f"OFFICIAL-SENSITIVE. {DEFAULT_HANDLING}."
    two = sensitive(["Do not forward.", "Panel only", "Panel only", " "])
    assert two.handling == ("Do not forward.", "Panel only")
    assert two.line == "OFFICIAL-SENSITIVE. Do not forward. Panel only."
    assert two.subject("Reminder") == "OFFICIAL-SENSITIVE: Reminder"
    assert two.subject("OFFICIAL-SENSITIVE: Reminder") == "OFFICIAL-SENSITIVE: Reminder"
    assert Marking(sensitive=False).line == "" and Marking(sensitive=False).subject("A") == "A"


def test_official_follows_the_setting(settings):
    settings.MARK_OFFICIAL = True
    assert official().line == "OFFICIAL"
    settings.MARK_OFFICIAL = False
    assert official().line == ""


# --- PDFs -----------------------------------------------------------------------------------


def _real_pdf(pages: int) -> bytes:
    """A paper of a few pages, as an agency would upload it."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for n in range(pages):
        canvas.drawString(100, 400, f"Paper page {n + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _pages(client, user, url: str) -> list[str]:
    client.force_login(user, backend=BACKEND)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", url
    return pdf_pages(response.content)


def _marked_top_and_bottom(content: bytes, n: int, line: str) -> bool:
    """Whether page n carries the marking line near its top edge and near its bottom edge."""
    page = PdfReader(BytesIO(content)).pages[n]
    height = float(page.mediabox.height)
    heights: list[float] = []

    def visit(text, cm, tm, font, size) -> None:
        if line in text:
            heights.append(tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return any(h > height - 60 for h in heights) and any(h < 60 for h in heights)


def test_every_page_of_a_restricted_pdf_is_marked_papers_merged_in_too(sworld, client):
    w = sworld
    w.paper.file.save("paper.pdf", ContentFile(_real_pdf(3)), save=False)
    w.paper.content_type = "application/pdf"
    w.paper.save()
    urls = [
        reverse("meetings:agenda_pdf", args=[w.meeting.pk]),
        reverse("minutes:pdf", args=[w.meeting.pk]),
        reverse("actions:summary_pdf", args=[w.next_meeting.pk]),
    ]
    line = f"OFFICIAL-SENSITIVE. {DEFAULT_HANDLING}."
    client.force_login(w.users["granted"], backend=BACKEND)
    for url in urls:
        content = client.get(url).content
        pages = pdf_pages(content)
        assert pages, url
        for n, text in enumerate(pages):
            assert text.count(line) == 2, (url, n)
            assert _marked_top_and_bottom(content, n, line), (url, n)
    pack = pdf_pages(client.get(urls[0]).content)
    assert any("Paper page 3" in text for text in pack)  # the paper was merged, and stamped
    for user in (w.users["member"], w.users["lead"]):
        for url in urls:
            pages = _pages(client, user, url)
            assert all("OFFICIAL-SENSITIVE" not in t and "OFFICIAL" in t for t in pages), url


def test_the_official_marking_on_pdfs_follows_the_setting(sworld, client, settings):
    w = sworld
    settings.MARK_OFFICIAL = False
    pages = _pages(client, w.users["member"], reverse("minutes:pdf", args=[w.meeting.pk]))
    assert all("OFFICIAL" not in text for text in pages)


def test_a_pdf_cannot_be_built_without_its_marking():
    with pytest.raises(TypeError):
        build_pdf([Paragraph("x")], title="t", footer="f")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        build_pdf([Paragraph("x")], title="t", footer="f", marking=None)  # type: ignore[arg-type]
    content = build_pdf([Paragraph("x")], title="t", footer="f", marking=sensitive(["Panel"]))
    assert pdf_pages(content)[0].count("OFFICIAL-SENSITIVE. Panel.") == 2


def test_a_long_marking_fits_the_page():
    words = ["A" * 200, "B" * 200]
    content = build_pdf([Paragraph("x")], title="t", footer="f", marking=sensitive(words))
    assert pdf_pages(content)[0].count("OFFICIAL-SENSITIVE") == 2


# --- CSV ------------------------------------------------------------------------------------


def test_a_csv_with_restricted_rows_starts_with_the_marking(sworld, client):
    w = sworld
    url = reverse("actions:csv")
    client.force_login(w.users["granted"], backend=BACKEND)
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
    assert rows[0] == [f"OFFICIAL-SENSITIVE. {DEFAULT_HANDLING}."]
    assert rows[1][0] == "Reference" and any(SECRETS["action"] in " ".join(r) for r in rows)
    client.force_login(w.users["member"], backend=BACKEND)
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
    assert rows[0][0] == "Reference" and not any("OFFICIAL" in " ".join(r) for r in rows)


# --- emails ---------------------------------------------------------------------------------


def _texts(message) -> list[str]:
    return [message.body, *(alt[0] for alt in message.alternatives)]


def test_a_chasing_email_showing_restricted_content_is_marked(sworld):
    w = sworld
    today = timezone.localdate()
    for message in (
        emails.reminder(w.delivery),
        emails.digest(w.users["chair"], [w.delivery], today),
    ):
        assert message.subject.startswith("OFFICIAL-SENSITIVE: ")
        for text in _texts(message):
            assert SECRETS["action"] in text and text.count(f"{DEFAULT_HANDLING}.") == 2
        assert [(d.kind, d.object_id) for d in message.disclosed] == [("action", w.action.pk)]


def test_a_chasing_email_naming_only_a_reference_is_not_marked(sworld):
    w = sworld
    message = emails.digest(w.users["manager"], [w.delivery], timezone.localdate())
    assert w.action.reference in message.body and SECRETS["action"] not in message.body
    assert not message.subject.startswith("OFFICIAL") and message.disclosed == []
    assert all("OFFICIAL-SENSITIVE" not in text for text in _texts(message))


def test_an_agenda_notice_naming_a_restricted_item_is_marked(sworld):
    w = sworld
    version = AgendaVersion.objects.filter(meeting=w.meeting).order_by("number").first()
    granted = render_notice(version, w.users["granted"])
    assert granted is not None and granted.subject.startswith("OFFICIAL-SENSITIVE: Agenda")
    assert all(SECRETS["title"] in t and DEFAULT_HANDLING in t for t in _texts(granted))
    member = render_notice(version, w.users["member"])
    assert member is not None and member.subject.startswith("Agenda published")
    assert all(SECRETS["title"] not in t and "OFFICIAL" not in t for t in _texts(member))


def test_admin_pages_showing_restricted_rows_are_marked(sworld, client):
    w = sworld
    url = reverse("admin:meetings_agendaitem_change", args=[w.item.pk])
    page = _page(client, w.users["superuser"], url)
    assert SECRETS["title"] in page and page.count(SENSITIVE) == 2
    page = _page(client, w.users["superuser"], reverse("admin:agencies_agency_changelist"))
    assert SENSITIVE not in page and page.count(OFFICIAL) == 2
