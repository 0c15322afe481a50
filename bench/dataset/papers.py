"""The measured meetings' papers as files, so that their pack merges papers as a real one does.

The generator records every paper (title, size, path) but writes no files: a London dataset's
52,000 papers would cost gigabytes of disk for pages nobody requests. The agenda pack merges
each paper's pages, so the papers of the meetings whose pack is measured get a file here, once,
written again after a checkout or a machine without them.
"""

from __future__ import annotations

from io import BytesIO

# Pages in each paper's file: a short report, as most papers to a partnership board are.
PAGES = 4


def _pdf(pages: int = PAGES) -> bytes:
    """A PDF of a few pages of text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    out = BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for page in range(1, pages + 1):
        text = canvas.beginText(72, 770)
        text.textLine(f"Benchmark paper, page {page} of {pages}")
        for line in range(40):
            text.textLine(f"{line + 1}. Performance against the partnership's priorities.")
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def write_paper_files(meeting_ids: list[int]) -> int:
    """Give each PDF paper of these meetings a file where it has none; returns how many."""
    from django.core.files.base import ContentFile

    from meetings.models import Paper

    content = _pdf()
    written = 0
    papers = Paper.objects.filter(item__meeting_id__in=meeting_ids, content_type="application/pdf")
    for paper in papers:
        storage = paper.file.storage
        if storage.exists(paper.file.name):
            continue
        saved = storage.save(paper.file.name, ContentFile(content))
        if saved != paper.file.name:
            raise RuntimeError(f"Paper {paper.pk} was saved as {saved}, not {paper.file.name}")
        written += 1
    return written
