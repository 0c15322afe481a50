"""What the public may read, and nothing more.

Only committees that meet in public, only their meetings with a published agenda, and of those
only what the latest published version showed everyone: an item restricted then or since is an
exempt item, shown as its number and its Schedule 12A paragraph and nothing of its title,
description, papers, minute or sub-items. The public reads the published snapshot, never the
agenda being edited, so a draft change never shows here before it is published.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from agencies.models import User
from meetings.exempt import exclusion_resolution
from meetings.models import (
    AgendaItem,
    AgendaVersion,
    Committee,
    ExemptParagraph,
    Meeting,
    Paper,
    PublicQuestion,
)
from minutes.models import Minute, Minutes, Resolution, split_paragraphs

EXEMPT = "Exempt item: not for publication"


def public_committees() -> QuerySet[Committee]:
    """Committees that meet in public."""
    return Committee.objects.filter(is_public=True).order_by("name")


def public_meetings() -> QuerySet[Meeting]:
    """Meetings of public committees whose agenda has been published (cancelled ones too:
    the public was told of them, and is told they will not take place)."""
    published = AgendaVersion.objects.filter(meeting=OuterRef("pk"))
    return (
        Meeting.objects.filter(committee__is_public=True)
        .exclude(status=Meeting.Status.DRAFT)
        .filter(Exists(published))
        .select_related("committee")
    )


@dataclass(frozen=True)
class PublishedQuestion:
    """A question from the public as published: its words and who asked, never their email."""

    question: str
    asked_by: str


@dataclass
class PublicRow:
    """One line of a published agenda as the public sees it."""

    number: str
    title: str
    starts_at: str
    exempt: bool = False
    paragraph: int | None = None
    presenters: list[str] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    minute: list[str] = field(default_factory=list)
    resolutions: list[str] = field(default_factory=list)
    questions: list[PublishedQuestion] = field(default_factory=list)

    @property
    def time_label(self) -> str:
        """Its planned start as published, as 10:30."""
        when = parse_datetime(self.starts_at)
        return timezone.localtime(when).strftime("%H:%M") if when else ""

    @property
    def depth(self) -> int:
        """0 for an item, 1 for a sub-item, and so on."""
        return self.number.count(".")

    @property
    def exemption(self) -> str:
        """What stands in for an exempt item."""
        if self.paragraph is None:
            return EXEMPT
        return f"{EXEMPT}, Schedule 12A paragraph {self.paragraph}"

    @property
    def paragraph_label(self) -> str:
        """The paragraph's description in the Act."""
        return ExemptParagraph(self.paragraph).label if self.paragraph else ""


@dataclass
class PublicAgenda:
    """A public meeting's published agenda, and its minutes once approved."""

    meeting: Meeting
    version: AgendaVersion
    rows: list[PublicRow]
    minutes_approved: bool = False

    @property
    def exempt_paragraphs(self) -> list[int]:
        """The paragraphs under which the press and public were excluded, in order."""
        return sorted({r.paragraph for r in self.rows if r.exempt and r.paragraph})

    @property
    def exclusion(self) -> str:
        """The resolution excluding the press and public, when any item is exempt."""
        return exclusion_resolution(self.exempt_paragraphs) if self.first_exempt else ""

    @property
    def first_exempt(self) -> PublicRow | None:
        """The first exempt item: the exclusion resolution comes before it."""
        return next((r for r in self.rows if r.exempt), None)

    @property
    def late_reason(self) -> str:
        """The reason of urgency given when the agenda first went out late."""
        first = self.meeting.versions.order_by("number").first()
        return first.late_reason if first else ""

    def papers(self) -> list[Paper]:
        """Every paper the public may download from this agenda."""
        return [paper for row in self.rows for paper in row.papers]


def _published_questions() -> QuerySet[PublicQuestion]:
    """Questions the clerk accepted whose askers agreed to publication: pending, declined and
    merged ones, and any sent without that consent, are never published."""
    return PublicQuestion.objects.filter(
        status=PublicQuestion.Status.ACCEPTED, consent=True
    ).order_by("position", "id")


def _items(meeting: Meeting) -> dict[int, AgendaItem]:
    presenters = User.objects.only("id", "full_name")
    return {
        item.id: item
        # AgendaItem declares these lists for typing, which the django-stubs plugin takes
        # for a second definition (as in meetings.selectors.agenda_for).
        for item in AgendaItem.objects.filter(meeting=meeting).prefetch_related(  # type: ignore[no-redef]
            Prefetch("presenters", queryset=presenters, to_attr="presenter_list"),
            Prefetch("papers", queryset=Paper.objects.order_by("id"), to_attr="paper_list"),
            Prefetch("questions", queryset=_published_questions(), to_attr="question_list"),
        )
    }


def _approved_minutes(meeting: Meeting) -> dict[int, Minute] | None:
    """The approved minutes' entries by item, or None while they are not approved."""
    record = Minutes.objects.filter(meeting=meeting, stage=Minutes.Stage.APPROVED).first()
    if record is None:
        return None
    entries = record.entries.prefetch_related(
        Prefetch("resolutions", queryset=Resolution.objects.order_by("position", "id"))
    )
    return {entry.item_id: entry for entry in entries}


def public_agenda(meeting: Meeting) -> PublicAgenda | None:
    """The meeting's latest published agenda for the public, or None when it has none."""
    version = meeting.versions.order_by("-number").first()
    if version is None:
        return None
    items = _items(meeting)
    minutes = _approved_minutes(meeting)
    rows: list[PublicRow] = []
    exempt_numbers: list[str] = []
    for snap in version.snapshot:
        number = str(snap["number"])
        if any(number.startswith(f"{parent}.") for parent in exempt_numbers):
            continue  # a sub-item of an exempt item is part of it, and not listed
        item = items.get(snap["id"])
        if snap.get("restricted") or (item is not None and item.restricted):
            exempt_numbers.append(number)
            paragraph = item.exempt_paragraph if item else snap.get("exempt_paragraph")
            rows.append(PublicRow(number, "", snap["starts_at"], exempt=True, paragraph=paragraph))
            continue
        row = PublicRow(number, snap["title"], snap["starts_at"])
        if item is not None:
            row.presenters = [person.full_name for person in item.presenter_list]
            row.papers = list(item.paper_list)
            row.questions = [PublishedQuestion(q.question, q.asked_by) for q in item.question_list]
            entry = (minutes or {}).get(item.id)
            if entry is not None:
                row.minute = split_paragraphs(entry.narrative)
                row.resolutions = [r.text for r in entry.resolutions.all()]
        rows.append(row)
    return PublicAgenda(meeting, version, rows, minutes_approved=minutes is not None)


def public_paper(pk: int) -> Paper | None:
    """A paper the public may download: one listed on a public meeting's published agenda."""
    paper = Paper.objects.select_related("item__meeting").filter(pk=pk).first()
    if paper is None or not public_meetings().filter(pk=paper.item.meeting_id).exists():
        return None
    agenda = public_agenda(paper.item.meeting)
    if agenda is None or paper.pk not in {p.pk for p in agenda.papers()}:
        return None
    return paper
