"""The log of reads of restricted content (DESIGN.md section 3: reads of restricted items are
audited).

A row says who read what (the kind of object and its id, and the restricted agenda item it
belongs to), on which surface (the URL name of the page, PDF or download) and when. It never
copies a title or any text of the item: the log is shown to agency leads who may not see the
item itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class RestrictedRead(models.Model):
    """One person reading one restricted object's content on one surface."""

    class Kind(models.TextChoices):
        ITEM = "item", "Agenda item"
        PAPER = "paper", "Paper"
        MINUTE = "minute", "Minute"
        ACTION = "action", "Action"
        EVIDENCE = "evidence", "Evidence"

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="restricted_reads",
    )
    reader_name = models.CharField(
        max_length=150, help_text="The reader's name when they read it (kept if they are deleted)."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(help_text="The id of the object read.")
    # SET_NULL, not a bare id: a new item that is given a deleted item's id must not inherit
    # the deleted item's log.
    item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="restricted_reads",
        help_text="The restricted agenda item the object belongs to (empty once it is deleted).",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="restricted_reads",
    )
    committee = models.ForeignKey(
        "meetings.Committee", on_delete=models.CASCADE, related_name="restricted_reads"
    )
    surface = models.CharField(
        max_length=100, help_text='Where it was read: the URL name, e.g. "meetings:meeting".'
    )
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-read_at", "-id"]
        indexes = [
            models.Index(fields=["committee", "read_at"]),
            models.Index(fields=["reader", "read_at"]),
            models.Index(fields=["item", "read_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reader_name} read {self.kind} {self.object_id} on {self.surface}"


class ImportRecord(models.Model):
    """One import of a spreadsheet (an action log or a list of people): who, which file, what
    it did. Dry runs and refused imports write nothing, so leave no record."""

    class Kind(models.TextChoices):
        ACTIONS = "actions", "Action log"
        PEOPLE = "people", "People and memberships"

    class Via(models.TextChoices):
        COMMAND = "command", "Command line"
        PAGE = "page", "Import page"

    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
    )
    imported_by_name = models.CharField(
        max_length=150, help_text="Who imported it, as named then (kept if they are deleted)."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    via = models.CharField(max_length=10, choices=Via.choices)
    file_name = models.CharField(max_length=200)
    committee = models.ForeignKey(
        "meetings.Committee",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
    )
    created = models.PositiveIntegerField(help_text="Rows that created something.")
    unchanged = models.PositiveIntegerField(help_text="Rows already imported, left as they were.")
    refused = models.PositiveIntegerField(help_text="Bad rows skipped (with --skip-invalid).")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.imported_by_name} imported {self.file_name} ({self.get_kind_display()})"


class FactorReset(models.Model):
    """An administrator removing a person's second factor (their authenticator and backup
    codes), so that they set up a new one at their next sign-in."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="factor_resets_done",
    )
    actor_name = models.CharField(max_length=150, help_text="Who reset it, when they did.")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="factor_resets",
    )
    person_name = models.CharField(max_length=150, help_text="Whose second factor was reset.")
    person_email = models.CharField(max_length=254)
    devices = models.PositiveIntegerField(help_text="Authenticators and backup-code sets removed.")
    reset_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reset_at", "-id"]
        verbose_name = "second-factor reset"

    def __str__(self) -> str:
        return f"{self.actor_name} reset {self.person_name}'s second factor"


class Disclosure(models.Model):
    """One disclosure of restricted content (issue 16, section 3): who, what (object and
    version), when, to whom, and by which route. Written by the product only (audit.disclosures):
    never changed or deleted through it, and purged after DISCLOSURE_KEEP_DAYS.

    What is named by kind, id and meeting (`label`), never by the item's title, so the log shows
    nothing more than its readers (the committee's chairs, the records officers) may see.
    """

    class Route(models.TextChoices):
        PAGE = "page", "Page"
        PDF = "pdf", "PDF"
        CSV = "csv", "CSV"
        FILE = "file", "File download"
        EMAIL = "email", "Email"
        API = "api", "API"

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosures_made",
    )
    by_name = models.CharField(
        max_length=150, help_text="Who disclosed it: the person, or the product for its emails."
    )
    to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosures_received",
    )
    to_name = models.CharField(max_length=150, help_text="Who received it, as named then.")
    to_email = models.CharField(max_length=254, blank=True)
    kind = models.CharField(max_length=10, choices=RestrictedRead.Kind.choices)
    object_id = models.PositiveBigIntegerField(help_text="The id of the object disclosed.")
    label = models.CharField(max_length=300, help_text="What it is, without its title.")
    version = models.CharField(max_length=50, blank=True)
    item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosures",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosures",
    )
    committee = models.ForeignKey(
        "meetings.Committee", on_delete=models.CASCADE, related_name="disclosures"
    )
    route = models.CharField(max_length=10, choices=Route.choices)
    surface = models.CharField(
        max_length=100, help_text='The URL name, or the kind of email ("chasing:reminder").'
    )
    disclosed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-disclosed_at", "-id"]
        indexes = [
            models.Index(fields=["committee", "disclosed_at"]),
            models.Index(fields=["disclosed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.label} to {self.to_name} by {self.get_route_display()}"
