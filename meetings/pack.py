"""The agenda pack: the agenda PDF followed by every paper the reader may see, in agenda order.

Papers come only from the rows of `selectors.agenda_for`, so a restricted item's papers are in
the pack of those granted it (and the chairs and secretariat) and of nobody else. PDF papers are
merged with pypdf, and each of their pages is stamped with the pack's marking (OFFICIAL-SENSITIVE
when the pack carries restricted content), as the frame marks the pages it prints; other files
(Word, spreadsheets, images, text) and PDFs that cannot be read are listed in the agenda's list
of papers as not included, to be downloaded from the meeting page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from io import BytesIO

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.errors import PyPdfError

from agencies.models import User
from core.marking import Marking
from core.pdf import marking_page

from .models import Paper
from .pdf import agenda_pack_pdf
from .selectors import Agenda

logger = logging.getLogger(__name__)

PDF = "application/pdf"


@dataclass
class Pack:
    """The merged PDF, and which papers went into it (the ones read, for the audit log)."""

    content: bytes
    merged: list[Paper] = field(default_factory=list)
    listed: list[Paper] = field(default_factory=list)


def _numbered_papers(agenda: Agenda) -> list[tuple[str, Paper]]:
    return [
        (row.number, paper)
        for row in agenda.rows
        if row.item is not None
        for paper in row.item.paper_list
    ]


def _reader(paper: Paper) -> PdfReader | None:
    """The paper's pages, or None when it is not a PDF or cannot be read as one."""
    if paper.content_type != PDF:
        return None
    try:
        with paper.file.open("rb") as handle:
            reader = PdfReader(BytesIO(handle.read()))
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        if not reader.pages:
            return None
    except (PyPdfError, OSError, ValueError) as error:
        # A paper that passed the upload sniffing but does not parse is listed, not merged.
        logger.warning("Paper %s not merged into the pack: %s", paper.pk, error)
        return None
    return reader


def stamp(pages: list[PageObject], marking: Marking) -> None:
    """Print the marking at the top and bottom of each of these pages (made elsewhere)."""
    if not marking.line:
        return
    overlays: dict[tuple[float, float], PageObject] = {}
    for page in pages:
        box = page.mediabox
        size = (float(box.width), float(box.height))
        if size not in overlays:
            overlays[size] = PdfReader(BytesIO(marking_page(marking, *size))).pages[0]
        move = Transformation().translate(float(box.left), float(box.bottom))
        page.merge_transformed_page(overlays[size], move)


def agenda_pack(agenda: Agenda, user: User, *, marking: Marking) -> Pack:
    """The whole pack for this person, marked on every page: cover, agenda, list of papers,
    then each PDF paper."""
    readers: dict[int, PdfReader] = {}
    for _, paper in _numbered_papers(agenda):
        reader = _reader(paper)
        if reader is not None:
            readers[paper.pk] = reader
    front = agenda_pack_pdf(agenda, user, included=set(readers), marking=marking)
    writer = PdfWriter(clone_from=PdfReader(BytesIO(front)))
    front_pages = len(writer.pages)
    pack = Pack(content=b"")
    for number, paper in _numbered_papers(agenda):
        reader = readers.get(paper.pk)
        if reader is None:
            pack.listed.append(paper)
            continue
        first_page = len(writer.pages)
        writer.append(reader, import_outline=False)
        writer.add_outline_item(f"{number} {paper.title}", first_page)
        pack.merged.append(paper)
    stamp(list(writer.pages)[front_pages:], marking)
    buffer = BytesIO()
    writer.write(buffer)
    pack.content = buffer.getvalue()
    return pack
