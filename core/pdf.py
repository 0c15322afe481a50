"""The frame every PDF of the product is printed in: page, footer, house styles, text escaping.

The documents themselves (agenda pack, minutes, summary of actions) stay with their apps; each
builds its story from what its selector lets the person see, then hands it to `build_pdf`.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

BLACK = colors.HexColor("#0b0c0c")
GREY = colors.HexColor("#505a5f")
RULE = colors.HexColor("#b1b4b6")
# (left, right, top, bottom)
MARGINS = (20 * mm, 20 * mm, 20 * mm, 20 * mm)


def markup(value: object) -> str:
    """Escape plain text for reportlab's Paragraph markup, keeping line breaks."""
    return escape(str(value)).replace("\r\n", "\n").replace("\n", "<br/>")


# A table cell cannot run over a page break (reportlab's LayoutError), and splitting inside a
# cell re-sets all of it at every page (minutes for a long text). So a long text is set as short
# runs, and a row holding many runs becomes several rows, which a table splits between quickly.
CHUNK_CHARACTERS = 600
ROW_CHARACTERS = 1200


def _chunks(text: str, size: int) -> list[str]:
    """The text cut into pieces of about `size` characters, at line ends or spaces if it can."""
    pieces: list[str] = []
    current = ""
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        while len(line) > size:
            cut = line.rfind(" ", 0, size)
            cut = cut if cut > size // 2 else size
            head, line = line[:cut], line[cut:].lstrip(" ")
            if current:
                pieces.append(current)
                current = ""
            pieces.append(head)
        if current and len(current) + len(line) + 1 > size:
            pieces.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    pieces.append(current)
    return pieces


def paragraphs(text: object, style: ParagraphStyle, *, lead: str = "") -> list[Paragraph]:
    """Plain text as paragraphs in `style`, cut into short runs so that a long text can flow
    over pages, in a table (with splitInRow) as anywhere; `lead` is markup put before it."""
    runs = _chunks(str(text), CHUNK_CHARACTERS)
    following = ParagraphStyle(f"{style.name}Run", parent=style, spaceBefore=0)
    return [
        Paragraph((lead if index == 0 else "") + markup(run), style if index == 0 else following)
        for index, run in enumerate(runs)
    ]


def spread_row(row: list, *, column: int) -> list[list]:
    """A table row whose `column` holds a long text, as that row and continuation rows.

    The first row keeps every other cell; the continuation rows hold only the rest of the
    long cell (about ROW_CHARACTERS each), so no row is taller than a page.
    """
    cell = row[column]
    if not isinstance(cell, list):
        return [row]
    groups: list[list[Flowable]] = [[]]
    size = 0
    for flowable in cell:
        length = len(flowable.getPlainText()) if isinstance(flowable, Paragraph) else 0
        if groups[-1] and size + length > ROW_CHARACTERS:
            groups.append([])
            size = 0
        groups[-1].append(flowable)
        size += length
    first = [*row[:column], groups[0], *row[column + 1 :]]
    rest = [[group if index == column else "" for index in range(len(row))] for group in groups[1:]]
    return [first, *rest]


def styles() -> dict[str, ParagraphStyle]:
    """The house paragraph styles every PDF of the product starts from."""
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "PackBody",
        parent=base["BodyText"],
        fontName="Helvetica",
        fontSize=10,
        leading=13,
        textColor=BLACK,
        alignment=TA_LEFT,
    )
    return {
        "caption": ParagraphStyle(
            "PackCaption", parent=body, fontSize=14, leading=18, textColor=GREY
        ),
        "title": ParagraphStyle(
            "PackTitle",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=24,
            leading=29,
            spaceAfter=6 * mm,
        ),
        "h2": ParagraphStyle(
            "PackHeading",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=16,
            leading=20,
            spaceBefore=4 * mm,
            spaceAfter=3 * mm,
        ),
        "body": body,
        "small": ParagraphStyle("PackSmall", parent=body, fontSize=9, leading=12, textColor=GREY),
        "cell_head": ParagraphStyle("PackCellHead", parent=body, fontName="Helvetica-Bold"),
        "item": ParagraphStyle("PackItem", parent=body, fontName="Helvetica-Bold"),
    }


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    footer: str,
    pagesize: tuple[float, float] = A4,
    margins: tuple[float, float, float, float] = MARGINS,
) -> bytes:
    """The story printed on numbered pages with the footer; no author or subject in its metadata."""
    left, right, top, bottom = margins
    buffer = BytesIO()

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(GREY)
        canvas.drawString(doc.leftMargin, 10 * mm, footer)
        canvas.drawRightString(pagesize[0] - doc.rightMargin, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author="",
        subject="",
        creator="Partnership meetings",
    )
    doc.build(list(story), onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
