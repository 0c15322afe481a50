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
from reportlab.platypus import Flowable, SimpleDocTemplate

BLACK = colors.HexColor("#0b0c0c")
GREY = colors.HexColor("#505a5f")
RULE = colors.HexColor("#b1b4b6")
# (left, right, top, bottom)
MARGINS = (20 * mm, 20 * mm, 20 * mm, 20 * mm)


def markup(value: object) -> str:
    """Escape plain text for reportlab's Paragraph markup, keeping line breaks."""
    return escape(str(value)).replace("\r\n", "\n").replace("\n", "<br/>")


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
