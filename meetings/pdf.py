"""The agenda pack as a PDF, built for one person from the agenda they may see.

Only `selectors.agenda_for` decides what is in it: a row whose item the person may not see is
printed as its placeholder ("Restricted item 6") with its number and timing, and nothing else
of it (no presenters, lead agency, recommendation or papers).
"""

from __future__ import annotations

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from agencies.models import User
from core.marking import Marking
from core.pdf import BLACK, RULE, build_pdf, markup, paragraphs, spread_row, styles

from .models import AgendaItem
from .selectors import Agenda, AgendaRow

INDENT = 6 * mm


def _when(agenda: Agenda) -> tuple[str, str]:
    """(date, "10:00 to 12:00") of the meeting in Europe/London time."""
    starts = timezone.localtime(agenda.meeting.starts_at)
    ends = timezone.localtime(agenda.meeting.ends_at)
    date = f"{starts:%A} {starts.day} {starts:%B %Y}"
    if ends.date() != starts.date():
        return date, f"{starts:%H:%M} to {ends.day} {ends:%B %Y}, {ends:%H:%M}"
    return date, f"{starts:%H:%M} to {ends:%H:%M}"


def _names(people) -> str:
    return ", ".join(person.full_name or person.email for person in people) or "None recorded"


def _cover(agenda: Agenda, user: User, s: dict[str, ParagraphStyle]) -> list:
    meeting = agenda.meeting
    committee = meeting.committee
    date, times = _when(agenda)
    members = committee.member_agencies.exclude(pk=committee.host_id)
    facts = [
        ("Date", date),
        ("Time", f"{times} (UK time)"),
        ("Location", meeting.location or "To be confirmed"),
        ("Chairs", _names(committee.chairs.all())),
        ("Secretariat", _names(committee.secretariat.all())),
        ("Host agency", committee.host.name),
        ("Member agencies", ", ".join(agency.name for agency in members) or "None recorded"),
    ]
    rows = [
        [Paragraph(markup(key), s["cell_head"]), Paragraph(markup(value), s["body"])]
        for key, value in facts
    ]
    table = Table(rows, colWidths=[40 * mm, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    printed = timezone.localtime()
    return [
        Paragraph(markup(committee.name), s["caption"]),
        Paragraph(markup(meeting.title), s["title"]),
        table,
        Spacer(1, 8 * mm),
        Paragraph(
            markup(
                f"Agenda pack prepared for {user.full_name or user.email} on "
                f"{printed.day} {printed:%B %Y} at {printed:%H:%M}. It holds only the items "
                "you may see; do not pass it on."
            ),
            s["small"],
        ),
        PageBreak(),
    ]


def _item_cell(row: AgendaRow, s: dict[str, ParagraphStyle]) -> list[Paragraph]:
    """The title column of one row: only the placeholder for an item the person may not see."""
    indent = row.depth * INDENT
    title_style = ParagraphStyle(f"Item{row.depth}", parent=s["item"], leftIndent=indent)
    if row.item is None:
        return [Paragraph(markup(row.label), title_style)]
    item = row.item
    detail_style = ParagraphStyle(f"Detail{row.depth}", parent=s["body"], leftIndent=indent)
    title = markup(item.title)
    if row.restricted:
        title += " <font color='#d4351c'>[Restricted]</font>"
    cell = [Paragraph(title, title_style)]
    presenters = [p.full_name or p.email for p in item.presenter_list]
    who = []
    if presenters:
        who.append(f"Presented by {', '.join(presenters)}")
    if item.lead_agency is not None:
        who.append(f"Lead agency: {item.lead_agency.name}")
    if who:
        cell.append(Paragraph(markup(". ".join(who)), detail_style))
    if item.recommendation:
        cell += paragraphs(item.recommendation, detail_style, lead="<b>Recommendation:</b> ")
    return cell


def _agenda(agenda: Agenda, s: dict[str, ParagraphStyle]) -> list:
    flow: list = [Paragraph("Agenda", s["h2"])]
    if not agenda.rows:
        return [*flow, Paragraph("There are no items on this agenda yet.", s["body"])]
    data = [
        [
            Paragraph("No.", s["cell_head"]),
            Paragraph("Item", s["cell_head"]),
            Paragraph("Time", s["cell_head"]),
            Paragraph("Mins", s["cell_head"]),
        ]
    ]
    part_rows = []
    for row in agenda.rows:
        if row.kind == AgendaItem.Kind.PART:
            part_rows.append(len(data))
        data += spread_row(
            [
                Paragraph(markup(row.number), s["item"]),
                _item_cell(row, s),
                Paragraph(f"{timezone.localtime(row.starts_at):%H:%M}", s["body"]),
                Paragraph(markup(row.planned_minutes or ""), s["body"]),
            ],
            column=1,
        )
    table = Table(data, colWidths=[18 * mm, None, 16 * mm, 14 * mm], repeatRows=1)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 1, BLACK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
    ]
    style += [("BACKGROUND", (0, i), (-1, i), colors.HexColor("#f3f2f1")) for i in part_rows]
    table.setStyle(TableStyle(style))
    flow.append(table)
    return flow


def _papers(agenda: Agenda, s: dict[str, ParagraphStyle], included: set[int] | None) -> list:
    """Titles of the papers of the items the person may see, and nothing of the others; with
    `included`, whether each is in the pack after the agenda or is to be downloaded."""
    lines = []
    for row in agenda.rows:
        if row.item is None:
            continue
        for paper in row.item.paper_list:
            line = f"<b>{markup(row.number)}</b>&nbsp;&nbsp;{markup(paper.title)}"
            if included is not None:
                line += (
                    " (in this pack, after the agenda)"
                    if paper.pk in included
                    else " <i>(not a PDF, so not in this pack: download it from the meeting "
                    "page)</i>"
                )
            lines.append(Paragraph(line, s["body"]))
    if not lines:
        lines = [Paragraph("There are no papers for this meeting.", s["body"])]
    return [KeepTogether([Paragraph("List of papers", s["h2"]), lines[0]]), *lines[1:]]


def agenda_pack_pdf(
    agenda: Agenda, user: User, included: set[int] | None = None, *, marking: Marking
) -> bytes:
    """The front of the agenda pack (cover, numbered agenda, list of papers) as this person may
    see it, with its marking; `included` names the papers merged after it (meetings/pack.py)."""
    meeting = agenda.meeting
    s = styles()
    story = [
        *_cover(agenda, user, s),
        *_agenda(agenda, s),
        Spacer(1, 6 * mm),
        *_papers(agenda, s, included),
    ]
    name = f"{meeting.committee.name}: {meeting.title}"
    return build_pdf(story, title=name, footer=name, marking=marking)
