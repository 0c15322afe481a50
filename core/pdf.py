"""The frame every PDF of the product is printed in: page, marking, footer, house styles, text
escaping.

The documents themselves (agenda pack, minutes, summary of actions) stay with their apps; each
builds its story from what its selector lets the person see, then hands it to `build_pdf` with
its marking (core.marking), which the frame prints at the top and bottom of every page: there
is no way to build a PDF without saying how it is marked. Pages made elsewhere (papers merged
into the agenda pack) are stamped with the same marking by `stamp`.
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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from .marking import Marking

BLACK = colors.HexColor("#0b0c0c")
GREY = colors.HexColor("#505a5f")
RULE = colors.HexColor("#b1b4b6")
RED = colors.HexColor("#d4351c")
MARKING_FONT = "Helvetica-Bold"
MARKING_SIZE = 9
# Where the marking stands: below the top edge and above the bottom one (the footer is lower).
MARKING_TOP = 10 * mm
MARKING_BOTTOM = 14 * mm
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


def draw_marking(canvas: Canvas, marking: Marking, width: float, height: float) -> None:
    """The marking centred at the top and the bottom of a page of this size (nothing when the
    marking is not shown); a long one is set smaller to fit the page's width."""
    line = marking.line
    if not line:
        return
    room = width - 20 * mm
    size = float(MARKING_SIZE)
    while size > 5 and stringWidth(line, MARKING_FONT, size) > room:
        size -= 0.5
    canvas.saveState()
    canvas.setFont(MARKING_FONT, size)
    canvas.setFillColor(RED if marking.sensitive else BLACK)
    canvas.drawCentredString(width / 2, height - MARKING_TOP, line)
    canvas.drawCentredString(width / 2, MARKING_BOTTOM, line)
    canvas.restoreState()


def marking_page(marking: Marking, width: float, height: float) -> bytes:
    """A transparent one-page PDF of this size holding only the marking, to stamp on a page
    made elsewhere."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height))
    draw_marking(canvas, marking, width, height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    footer: str,
    marking: Marking,
    pagesize: tuple[float, float] = A4,
    margins: tuple[float, float, float, float] = MARGINS,
) -> bytes:
    """The story printed on numbered pages with the marking at the top and bottom and the
    footer; no author or subject in its metadata."""
    if not isinstance(marking, Marking):
        raise TypeError("build_pdf needs the document's marking (core.marking.Marking)")
    left, right, top, bottom = margins
    buffer = BytesIO()

    def on_page(canvas, doc) -> None:
        draw_marking(canvas, marking, *pagesize)
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
