"""The minutes as a PDF (reportlab), built only from `selectors.minutes_document` for one person.

A section whose item the person may not see prints as its placeholder ("Restricted item 6") and
nothing else; guests and declarations of such items are not in the document the selector gives.
"""

from __future__ import annotations

from django.utils import timezone
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from agencies.models import User
from core.marking import Marking
from core.pdf import RULE, build_pdf, markup, paragraphs, spread_row, styles

from .attendance_view import AttendanceView
from .selectors import MinutesDocument, Section, declaration_lines

NUMBER_WIDTH = 14 * mm


def _styles() -> dict[str, ParagraphStyle]:
    """The house styles with the minutes' own heading levels."""
    shared = styles()
    bold = ParagraphStyle("MinBold", parent=shared["body"], fontName="Helvetica-Bold")
    return {
        **shared,
        "title": ParagraphStyle(
            "MinTitle", parent=bold, fontSize=24, leading=29, spaceAfter=4 * mm
        ),
        "h2": ParagraphStyle(
            "MinH2", parent=bold, fontSize=14, leading=18, spaceBefore=5 * mm, spaceAfter=2 * mm
        ),
        "h3": ParagraphStyle(
            "MinH3",
            parent=bold,
            fontSize=11,
            leading=14,
            spaceBefore=4 * mm,
            spaceAfter=1 * mm,
            keepWithNext=1,
        ),
        "bold": bold,
    }


def _numbered(number: str, flowables: list, s) -> Table:
    table = Table(
        spread_row([Paragraph(markup(number), s["body"]), flowables], column=1),
        colWidths=[NUMBER_WIDTH, None],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
            ]
        )
    )
    return table


def _when(doc: MinutesDocument) -> str:
    start = timezone.localtime(doc.meeting.starts_at)
    return f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M}"


def _stage(doc: MinutesDocument) -> str:
    record = doc.record
    if record is None or not record.is_locked or record.approved_at_meeting is None:
        return doc.stage
    later = timezone.localtime(record.approved_at_meeting.starts_at)
    return f"Approved at the meeting of {later.day} {later:%B %Y}, and locked"


def _cover(doc: MinutesDocument, s) -> list:
    facts = [
        ("Meeting", doc.meeting.committee.name),
        ("Date", _when(doc)),
        ("Place", doc.meeting.location or "Not recorded"),
        ("Stage", _stage(doc)),
    ]
    table = Table(
        [[Paragraph(markup(k), s["bold"]), Paragraph(markup(v), s["body"])] for k, v in facts],
        colWidths=[30 * mm, None],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        Paragraph(markup(doc.meeting.committee.name), s["caption"]),
        Paragraph("Minutes", s["title"]),
        Paragraph(markup(doc.meeting.title), s["h3"]),
        table,
    ]


def _person(line, *, with_agency: bool = True) -> str:
    text = line.name
    if line.is_chair:
        text += " (Chair)"
    if line.substitute_for:
        text += f" (substitute for {line.substitute_for})"
    if with_agency and line.agency_name:
        text += f", {line.agency_name}"
    if line.arrived_at:
        text += f", arrived {timezone.localtime(line.arrived_at):%H:%M}"
    if line.left_at:
        text += f", left {timezone.localtime(line.left_at):%H:%M}"
    return text


def _people(title: str, lines: list[str], s) -> list:
    if not lines:
        return []
    return [
        KeepTogether(
            [Paragraph(markup(title), s["bold"]), *[Paragraph(markup(x), s["body"]) for x in lines]]
        ),
        Spacer(1, 2 * mm),
    ]


def _attendance(doc: MinutesDocument, view: AttendanceView, s) -> list:
    flow: list = [Paragraph("Attendance", s["h2"])]
    if not view.recorded:
        flow.append(Paragraph("No attendance was recorded.", s["body"]))
    flow += _people("Present", [_person(x) for x in view.attending], s)
    apologies = [
        f"{x.name}" + (f" ({x.substituted_by} substituted)" if x.substituted_by else "")
        for x in view.apologies
    ]
    flow += _people("Apologies", apologies, s)
    flow += _people("Absent", [_person(x) for x in view.absent], s)
    officers = [f"{x.name}" + (f", {x.job_title}" if x.job_title else "") for x in view.officers]
    flow += _people("Officers", officers, s)
    flow += _people("Observers", [_person(x) for x in view.observers], s)
    flow += _people("Guests", [_person(x) for x in view.meeting_guests], s)
    for section in doc.sections:
        guests = view.guests_by_item.get(section.row.id) if section.heading else None
        if guests and section.visible:
            title = f"Guests for item {section.row.number}, {section.label}"
            flow += _people(title, [_person(x) for x in guests], s)
    if view.declarations and not doc.declarations_item:
        flow += _people("Declarations of interest", declaration_lines(view, doc.item_labels), s)
    return flow


def _section(section: Section, s) -> list:
    flow: list = []
    if section.heading:
        indent = section.row.depth * 6 * mm
        style = ParagraphStyle(f"MinHead{section.row.depth}", parent=s["h3"], leftIndent=indent)
        title = markup(section.label)
        if not section.visible:
            pass  # the placeholder already carries the number, and nothing else is shown
        elif section.row.depth:
            title += f" (item {markup(section.row.number)})"
        else:
            title = f"{markup(section.row.number)}&nbsp;&nbsp;{title}"
        flow.append(Paragraph(title, style))
    for paragraph in section.paragraphs:
        flow.append(_numbered(paragraph.number, paragraphs(paragraph.text, s["body"]), s))
    if section.resolutions:
        parts = [Paragraph("<b>Resolved:</b>", s["body"])]
        for part in section.resolutions:
            label = f"{part.label}&nbsp;" if part.label else ""
            parts += paragraphs(part.text, s["bold"], lead=f"<b>{label}</b>" if label else "")
        flow.append(_numbered(section.resolved_number or "", parts, s))
    return flow


def _amendments(doc: MinutesDocument, s) -> list:
    amendments = doc.amendments
    if not amendments:
        return []
    flow: list = [Paragraph("Amendments after approval", s["h2"])]
    for section, amendment in amendments:
        made = timezone.localtime(amendment.made_at)
        who = amendment.made_by.full_name if amendment.made_by else "someone no longer recorded"
        flow.append(
            Paragraph(
                f"<b>Item {markup(section.row.number)}</b>, amended on {made.day} "
                f"{made:%B %Y} at {made:%H:%M} by {markup(who)}. Reason: "
                f"{markup(amendment.reason)}",
                s["body"],
            )
        )
        before = "\n\n".join([amendment.narrative_before, *amendment.resolutions_before]).strip()
        after = "\n\n".join([amendment.narrative_after, *amendment.resolutions_after]).strip()
        flow.append(Paragraph(f"Before: {markup(before or '(empty)')}", s["small"]))
        flow.append(Paragraph(f"After: {markup(after or '(empty)')}", s["small"]))
        flow.append(Spacer(1, 2 * mm))
    return flow


def minutes_pdf(doc: MinutesDocument, user: User, *, marking: Marking) -> bytes:
    """The minutes document (attendance, item by item, resolutions, amendments) for one
    person, as they may see it, with its marking."""
    styles = _styles()
    meeting = doc.meeting
    day = timezone.localtime(meeting.starts_at)
    footer = f"{meeting.committee.name}: minutes of {day.day} {day:%B %Y} ({doc.stage})"

    story = _cover(doc, styles)
    if doc.attendance is not None:
        story += _attendance(doc, doc.attendance, styles)
    story.append(Paragraph("Minutes", styles["h2"]))
    for section in doc.sections:
        if doc.exclusion and section.heading and section.row.id == doc.exclusion[0]:
            story.append(Paragraph(markup(f"Resolved: {doc.exclusion[1]}"), styles["body"]))
        story += _section(section, styles)
    if doc.close is not None:
        story.append(
            Paragraph(f"{markup(doc.close_number)}&nbsp;&nbsp;Close of Meeting", styles["h3"])
        )
        story.append(
            _numbered(doc.close.number, paragraphs(doc.close.text, styles["body"]), styles)
        )
    story += _amendments(doc, styles)
    printed = timezone.localtime()
    story += [
        Spacer(1, 8 * mm),
        Paragraph(
            markup(
                f"Prepared for {user.full_name or user.email} on {printed.day} "
                f"{printed:%B %Y} at {printed:%H:%M}. It holds only the items you may see; do "
                "not pass it on."
            ),
            styles["small"],
        ),
    ]
    title = f"{meeting.committee.name}: minutes of {day.day} {day:%B %Y}"
    return build_pdf(story, title=title, footer=footer, marking=marking)
