"""The Summary of actions as a PDF (reportlab), built from `summary.meeting_summary` only, so it
holds exactly what the person who asked may see."""

from __future__ import annotations

from django.utils import timezone
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from agencies.models import User
from core.marking import Marking
from core.pdf import BLACK, RULE, build_pdf, markup, paragraphs, spread_row, styles

from .summary import Summary, SummaryGroup

COLUMNS = ["Minute item", "Subject and action required", "Status", "Action by", "Deadline"]
WIDTHS = [22 * mm, None, 45 * mm, 55 * mm, 35 * mm]


def _group(group: SummaryGroup, s: dict[str, ParagraphStyle]) -> list:
    # The group's heading is the table's first row, repeated with the column headings on every
    # page the group runs onto, so a heading never stands alone at the foot of a page.
    heading = [Paragraph(markup(group.heading), s["h2"])]
    if group.caption:
        heading.append(Paragraph(markup(group.caption), s["small"]))
    columns = [group.number_label, *COLUMNS[1:]]
    head = [Paragraph(markup(column), s["cell_head"]) for column in columns]
    data = [[heading, "", "", "", ""], head]
    for row in group.rows:
        action = row.action
        subject = []
        if row.subject:
            subject.append(Paragraph(f"<b>{markup(row.subject)}</b>", s["body"]))
        elif action.source and group.meeting:
            subject.append(Paragraph(f"<b>{markup(action.source)}</b>", s["body"]))
        subject += paragraphs(action.description, s["body"])
        subject.append(Paragraph(markup(action.reference), s["small"]))
        status = [Paragraph(markup(action.get_status_display()), s["body"])]
        if row.overdue:
            status.append(Paragraph(f"<b>{markup(row.overdue)}</b>", s["body"]))
        status += [
            Paragraph(markup(f"Evidence: {update.evidence_name}"), s["small"])
            for update in row.evidence
        ]
        # The due date first; the deadline as promised under it.
        deadline = [Paragraph(markup(row.deadline), s["body"])]
        if row.deadline_note:
            deadline.append(Paragraph(markup(row.deadline_note), s["small"]))
        data += spread_row(
            [
                Paragraph(markup(row.minute_item), s["item"]),
                subject,
                status,
                Paragraph(markup(row.action_by), s["body"]),
                deadline,
            ],
            column=1,
        )
    table = Table(data, colWidths=WIDTHS, repeatRows=2)
    table.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 1), (-1, 1), 1, BLACK),
                ("LINEBELOW", (0, 2), (-1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return [table, Spacer(1, 4 * mm)]


def summary_pdf(summary: Summary, user: User, *, marking: Marking) -> bytes:
    """The Summary of actions of a meeting as this person may see it, with its marking."""
    meeting = summary.meeting
    s = styles()
    footer = f"{meeting.committee.name}: {meeting.title}. Summary of actions"
    starts = timezone.localtime(meeting.starts_at)
    printed = timezone.localtime()
    if summary.previous:
        since = timezone.localtime(summary.previous.starts_at)
        scope = (
            "Outstanding actions arising from previous meetings of the committee, and those "
            f"completed since its meeting of {since.day} {since:%B %Y}."
        )
    else:
        scope = "Outstanding and completed actions arising from previous meetings."
    story: list = [
        Paragraph(markup(meeting.committee.name), s["caption"]),
        Paragraph("Summary List of Actions", s["title"]),
        Paragraph(
            markup(f"For the meeting of {starts.day} {starts:%B %Y}: {meeting.title}"), s["body"]
        ),
        Paragraph(
            markup(f"{scope} {summary.counts}."),
            s["body"],
        ),
        Paragraph(
            markup(
                f"Prepared for {user.full_name or user.email} on {printed.day} {printed:%B %Y} "
                f"at {printed:%H:%M}, with statuses as at then. It holds only the actions you "
                "may see; do not pass it on."
            ),
            s["small"],
        ),
        Spacer(1, 4 * mm),
    ]
    if not summary.groups:
        story.append(Paragraph("There are no actions to report.", s["body"]))
    for group in summary.groups:
        story += _group(group, s)
    return build_pdf(
        story,
        title=footer,
        footer=footer,
        marking=marking,
        pagesize=landscape(A4),
        margins=(15 * mm, 15 * mm, 15 * mm, 18 * mm),
    )
