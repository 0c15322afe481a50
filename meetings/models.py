"""Committees, meetings and their agendas: a tree of parts, items and sub-items."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from audit.targets import ReadKind, Target, loaded
from core.marking import DEFAULT_HANDLING, HANDLING_LIMIT

if TYPE_CHECKING:
    from agencies.models import User


class Committee(models.Model):
    """A standing body or series of meetings, hosted by one agency with member agencies."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.SlugField(max_length=30, unique=True)
    description = models.TextField(blank=True)
    host = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="hosted_committees"
    )
    member_agencies = models.ManyToManyField(
        "agencies.Agency", related_name="committees", blank=True
    )
    chairs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="chaired_committees", blank=True
    )
    secretariat = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="clerked_committees",
        blank=True,
        help_text="Clerks and officers who act for the chair.",
    )
    default_location = models.CharField(max_length=200, blank=True)
    is_public = models.BooleanField(
        default=False,
        help_text=(
            "Meets in public: its published agendas, the papers of its public items and its "
            "approved minutes are on the public pages, for anyone, without signing in. Its "
            "restricted items are exempt and must give their Schedule 12A paragraph."
        ),
    )
    handling_words = models.CharField(
        max_length=HANDLING_LIMIT,
        default=DEFAULT_HANDLING,
        help_text=(
            "Printed with the OFFICIAL-SENSITIVE marking on every page, PDF, email and CSV that "
            f"carries this committee's restricted items. Up to {HANDLING_LIMIT} characters."
        ),
    )
    standing_agenda = models.JSONField(
        default=list,
        blank=True,
        help_text=(
            "The standing agenda a new meeting starts from: a list of "
            '{"title", "kind", "planned_minutes", "children": [...]}.'
        ),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The committee's page."""
        return reverse("meetings:committee", kwargs={"short_name": self.short_name})


class Meeting(models.Model):
    """One meeting of a committee; its agenda is published in numbered versions."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "agenda_published", "Agenda published"
        HELD = "held", "Held"
        MINUTES_DRAFTED = "minutes_drafted", "Minutes drafted"
        MINUTES_APPROVED = "minutes_approved", "Minutes approved"
        CANCELLED = "cancelled", "Cancelled"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    chairs = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="chaired_meetings",
        blank=True,
        help_text="Who chairs this meeting (co-chairs allowed).",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    agenda_revision = models.PositiveIntegerField(
        default=0, help_text="Bumped by every agenda change, so stale edits are refused."
    )

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_it_starts"
            ),
        ]
        indexes = [
            # The access rule asks for the draft meetings' ids in every query of actions: they
            # are few, but without this each such query read all 50,000 meetings of a London
            # register (7 ms, three or four times a page).
            models.Index(fields=["id"], condition=Q(status="draft"), name="meeting_drafts"),
            # Upcoming meetings, soonest first (home): read from now on, not every meeting of a
            # person's 300 committees (12 ms at London scale).
            models.Index(fields=["starts_at", "id"], name="meeting_by_start"),
        ]

    def __str__(self) -> str:
        return f"{self.committee.name}: {self.title}"

    def get_absolute_url(self) -> str:
        """The meeting's page with its agenda."""
        return reverse("meetings:meeting", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        """Whether partners can see the agenda."""
        return self.status != self.Status.DRAFT


class ExemptParagraph(models.IntegerChoices):
    """Local Government Act 1972, Schedule 12A, Part 1: the descriptions of exempt information
    for which the press and public may be excluded from a meeting held in public."""

    INDIVIDUAL = 1, "1. Information relating to any individual"
    IDENTITY = 2, "2. Information likely to reveal the identity of an individual"
    FINANCIAL = (
        3,
        (
            "3. Information relating to the financial or business affairs of any particular person "
            "(including the authority holding that information)"
        ),
    )
    LABOUR = (
        4,
        (
            "4. Information relating to consultations or negotiations on a labour relations matter "
            "between the authority or a Minister of the Crown and its employees or office holders"
        ),
    )
    PRIVILEGE = (
        5,
        (
            "5. Information in respect of which a claim to legal professional privilege could be "
            "maintained in legal proceedings"
        ),
    )
    NOTICE_OR_ORDER = (
        6,
        (
            "6. Information revealing that the authority proposes to give a notice imposing "
            "requirements on a person, or to make an order or direction under any enactment"
        ),
    )
    CRIME = (
        7,
        (
            "7. Information relating to any action taken or to be taken in connection with the "
            "prevention, investigation or prosecution of crime"
        ),
    )


class AgendaItem(models.Model):
    """A part, item or sub-item of an agenda; may be restricted to some agencies or people."""

    class Kind(models.TextChoices):
        PART = "part", "Part"
        APOLOGIES = "apologies", "Apologies for absence"
        DECLARATIONS = "declarations", "Declarations of interest"
        MINUTES = "minutes", "Minutes of the last meeting"
        ACTIONS = "actions", "Summary of actions"
        SUBSTANTIVE = "substantive", "Substantive item"
        PRESENTATION = "presentation", "Presentation"
        PUBLIC_QUESTIONS = "public_questions", "Public questions"
        AOB = "aob", "Any other business"
        NEXT_MEETING = "next_meeting", "Date of next meeting"

    MAX_DEPTH = 3

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SUBSTANTIVE)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    presenters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="presented_items", blank=True
    )
    lead_agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_items",
    )
    planned_minutes = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    recommendation = models.TextField(blank=True)
    restricted = models.BooleanField(
        default=False,
        help_text="Only the agencies and people granted it, the chairs and the secretariat see it.",
    )
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=ExemptParagraph.choices,
        help_text="Why a restricted item of a public committee is exempt (Schedule 12A).",
    )

    # Not stored: lists the agenda's prefetches attach (to_attr) to the items they fetch.
    presenter_list: list[User]
    paper_list: list[Paper]
    question_list: list[PublicQuestion]

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["meeting", "parent", "position"])]

    def __str__(self) -> str:
        return self.title

    def audit_targets(self) -> Iterator[Target]:
        """The item itself, for the log of reads."""
        yield Target(ReadKind.ITEM, self.pk, self.pk, self.restricted)


def _grant_targets(
    grant: AgendaItemUserObjectPermission | AgendaItemGroupObjectPermission,
) -> Iterator[Target]:
    """A grant of an item names the item: showing it is a read of the item."""
    if grant.content_object_id:
        yield Target(ReadKind.ITEM, grant.content_object_id, grant.content_object_id)


class AgendaItemUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign-key guardian permissions of single people on agenda items."""

    content_object = models.ForeignKey(AgendaItem, on_delete=models.CASCADE)

    def audit_targets(self) -> Iterator[Target]:
        """The item granted, for the log of reads."""
        return _grant_targets(self)


class AgendaItemGroupObjectPermission(GroupObjectPermissionBase):
    """Direct foreign-key guardian permissions of agency groups on agenda items."""

    content_object = models.ForeignKey(AgendaItem, on_delete=models.CASCADE)

    def audit_targets(self) -> Iterator[Target]:
        """The item granted, for the log of reads."""
        return _grant_targets(self)


def paper_upload_to(paper: Paper, filename: str) -> str:
    """Papers are stored under an unguessable folder; they are served only through the app."""
    return f"papers/{paper.item.meeting_id}/{secrets.token_hex(8)}/{filename}"


class Paper(models.Model):
    """A file attached to an agenda item (a report, an appendix, a letter)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=paper_upload_to, max_length=300)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(
        blank=True,
        editable=False,
        help_text="The words of the file (PDF and text papers), read at upload for search.",
    )
    is_background = models.BooleanField(
        default=False, help_text="A background paper: public for four years, not six."
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    def audit_targets(self) -> Iterator[Target]:
        """The paper, under its item, for the log of reads."""
        item = loaded(self, "item")
        yield Target(ReadKind.PAPER, self.pk, self.item_id, item.restricted if item else None)


class AgendaVersion(models.Model):
    """A published agenda: a snapshot of the tree, with what changed since the last version."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    snapshot = models.JSONField(help_text="The items as published, with who may see each.")
    changes = models.JSONField(default=list, help_text="What changed since the previous version.")
    late_reason = models.TextField(
        blank=True,
        max_length=1000,
        help_text="Why a public committee's agenda went out with fewer than five clear days.",
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.number}"


class AgendaNotice(models.Model):
    """One email telling one invitee about one published version; unique, so never sent twice."""

    version = models.ForeignKey(AgendaVersion, on_delete=models.CASCADE, related_name="notices")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_notices"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "recipient"], name="one_notice_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.version} to {self.recipient_id}"


class CalendarFeed(models.Model):
    """A person's secret calendar feed URL; revoking it makes the old URL stop working."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Calendar feed of {self.user_id}"


# A question from the public lives in its own module (it has a workflow of its own); imported
# here so that the app's models are all found where Django looks.
from .public_questions import PublicQuestion  # noqa: E402
