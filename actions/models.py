"""Actions promised at meetings (or in a report's recommendations) and their progress."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterator

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from audit.targets import ReadKind, Target, loaded


class Action(models.Model):
    """What an agency promised, until the chair accepts it as done (or drops it)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        ONGOING = "ongoing", "Ongoing"
        COMPLETED = "completed", "Completed"
        CLOSED = "closed", "Closed"
        DROPPED = "dropped", "Dropped"
        # Distinct from dropped: the partnership still wanted it, but circumstances changed
        # (a service decommissioned, a law changed); summaries report the two apart.
        NOT_POSSIBLE = "not_possible", "Not possible (change in circumstances)"

    OUTSTANDING = (Status.OPEN, Status.IN_PROGRESS, Status.ONGOING)

    committee = models.ForeignKey(
        "meetings.Committee", on_delete=models.PROTECT, related_name="actions"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The item it came from; a restricted item's actions are restricted with it.",
    )
    restricted = models.BooleanField(
        default=False,
        editable=False,
        help_text="Copied from its agenda item on save and by item_restrict, so that lists test "
        "a column and check only restricted actions against the items a person may see.",
    )
    source = models.CharField(
        max_length=200,
        blank=True,
        help_text="Where it came from when not a meeting, e.g. \"Keeping London's Children Safe, "
        'recommendation 3".',
    )
    reference = models.CharField(max_length=40, unique=True)
    description = models.TextField()
    owning_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="owned_actions"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_actions",
        help_text="Leave empty while the agency's lead has not assigned it.",
    )
    co_agencies = models.ManyToManyField(
        "agencies.Agency", blank=True, related_name="co_owned_actions"
    )
    due_date = models.DateField(null=True, blank=True)
    due_text = models.CharField(
        max_length=100, blank=True, help_text='The deadline as promised, e.g. "By January 2015".'
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(
        default=0, help_text="Claimed by every change, so that an edit of a stale copy is refused."
    )

    # Not stored: set by the dashboard on the oldest overdue actions it lists.
    days_overdue: int

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["owning_agency", "status"]),
            models.Index(fields=["committee", "status"]),
            # The home page's and dashboard's first outstanding actions of an agency or a
            # person, oldest deadline first: read in order from these, the LIMIT stops after
            # ten rows instead of sorting the agency's thousands (8.7 ms -> 1.4 ms at 100k).
            # With what the access rule reads of an action, an agency's counts on the home
            # page come from the index alone (90 ms -> 26 ms for a Met lead at London scale).
            models.Index(
                fields=["owning_agency", "due_date", "id"],
                include=["owner", "committee", "meeting", "agenda_item", "restricted"],
                condition=Q(status__in=["open", "in_progress", "ongoing"]),
                name="action_outstanding_by_agency",
            ),
            models.Index(
                fields=["owner", "due_date", "id"],
                condition=Q(status__in=["open", "in_progress", "ongoing"]),
                name="action_outstanding_by_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.description[:60]}"

    def save(self, *args, **kwargs) -> None:
        """Save, taking the restriction from the agenda item (it is never set by hand)."""
        self.restricted = self._item_restricted()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "restricted" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "restricted"]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The action's page."""
        return reverse("actions:detail", kwargs={"pk": self.pk})

    def _item_restricted(self) -> bool:
        # Read from the database, not a cached item object: a stale copy must not open an action.
        if self.agenda_item_id is None:
            return False
        from meetings.models import AgendaItem

        return AgendaItem.objects.filter(pk=self.agenda_item_id, restricted=True).exists()

    @property
    def is_outstanding(self) -> bool:
        """Still to be done."""
        return self.status in self.OUTSTANDING

    def overdue_days(self, today: datetime.date | None = None) -> int:
        """Whole days past the due date of an outstanding action (0 when not overdue)."""
        if self.due_date is None or self.status not in self.OUTSTANDING:
            return 0
        return max(0, ((today or timezone.localdate()) - self.due_date).days)

    def audit_targets(self) -> Iterator[Target]:
        """The action, under the item it came from (none without one), for the log of reads."""
        if self.agenda_item_id:
            item = loaded(self, "agenda_item")
            restricted: bool | None = None
            if item is not None:
                restricted = item.restricted
            elif "restricted" not in self.get_deferred_fields():
                # The column mirrors its item's flag (saved with it): an open action needs no
                # look-up of its item to be left out of the log.
                restricted = self.restricted
            yield Target(ReadKind.ACTION, self.pk, self.agenda_item_id, restricted)


def evidence_upload_to(update: ActionUpdate, filename: str) -> str:
    """Evidence is stored under an unguessable folder and served only through the app."""
    return f"evidence/{update.action_id}/{secrets.token_hex(8)}/{filename}"


class ActionUpdate(models.Model):
    """A dated progress note, maybe a status change, maybe with evidence (the answering letter)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    status_from = models.CharField(max_length=20, choices=Action.Status.choices, blank=True)
    status_to = models.CharField(max_length=20, choices=Action.Status.choices, blank=True)
    evidence = models.FileField(upload_to=evidence_upload_to, blank=True, max_length=300)
    evidence_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        # The Summary of actions asks which actions were completed since the last meeting.
        indexes = [models.Index(fields=["status_to", "created_at"])]

    def __str__(self) -> str:
        return f"Update on {self.action_id} at {self.created_at:%Y-%m-%d}"

    def audit_targets(self) -> Iterator[Target]:
        """The update (its evidence), under its action's item, for the log of reads."""
        action = loaded(self, "action")
        if action is None:
            # Looked up with every other such update in one query, not one per update.
            yield Target(
                ReadKind.EVIDENCE, self.pk, None, item_via=(ActionUpdate, "action__agenda_item_id")
            )
        elif action.agenda_item_id:
            item = loaded(action, "agenda_item")
            restricted = item.restricted if item else None
            yield Target(ReadKind.EVIDENCE, self.pk, action.agenda_item_id, restricted)


class ActionChange(models.Model):
    """One edited field of an action: the old and the new value as shown, who, when."""

    class Field(models.TextChoices):
        DESCRIPTION = "description", "Wording"
        OWNING_AGENCY = "owning_agency", "Owning agency"
        OWNER = "owner", "Owner"
        DUE_DATE = "due_date", "Due date"
        DUE_TEXT = "due_text", "Deadline as promised"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="changes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    field = models.CharField(max_length=20, choices=Field.choices)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_field_display()} of {self.action_id} changed at {self.changed_at}"


def default_remind_days() -> list[int]:
    """Remind the owner a week and a day before the due date."""
    return [7, 1]


class ChasingPolicy(models.Model):
    """When a committee's actions are chased, and how far up the ladder."""

    committee = models.OneToOneField(
        "meetings.Committee", on_delete=models.CASCADE, related_name="chasing_policy"
    )
    active = models.BooleanField(default=True)
    remind_days_before = models.JSONField(
        default=default_remind_days, help_text="Days before the due date to remind the owner."
    )
    remind_on_due_day = models.BooleanField(default=True)
    overdue_repeat_days = models.PositiveSmallIntegerField(
        default=7, help_text="Remind the owner of an overdue action again every so many days."
    )
    managers_after_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days overdue before the owning agency's managers are told."
    )
    officers_after_days = models.PositiveSmallIntegerField(
        default=28, help_text="Days overdue before the chairs and secretariat are told."
    )

    class Meta:
        verbose_name_plural = "chasing policies"

    def __str__(self) -> str:
        return f"Chasing policy for {self.committee}"


class Notification(models.Model):
    """One step of the chasing ladder that fell due for an action on a (London) day.

    The unique key makes the sweep idempotent: running it twice, or two at once, writes nothing
    new.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Reminder"
        OVERDUE = "overdue", "Overdue"
        ESCALATION = "escalation", "Escalation"

    class Level(models.IntegerChoices):
        OWNER = 0, "Owner (or the agency's lead when unassigned)"
        MANAGERS = 1, "The owning agency's managers"
        OFFICERS = 2, "The committee's chairs and secretariat"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    day = models.DateField(help_text="The London day this step fell due.")
    created_at = models.DateTimeField(auto_now_add=True)
    planned_at = models.DateTimeField(
        null=True, blank=True, help_text="When its deliveries (recipients) were written."
    )
    unreached = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why this step reached nobody (shown on the dashboard and in the admin); "
        "empty when someone was sent it.",
    )

    class Meta:
        ordering = ["-day", "action_id", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "kind", "level", "day"], name="notification_once_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} L{self.level} for {self.action_id} on {self.day}"


class Delivery(models.Model):
    """The outbox: one email (or one line of a daily digest) for one person."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries"
    )
    digest = models.BooleanField(default=False, help_text="Sent in the day's digest.")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "deliveries"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "recipient"], name="delivery_once_per_person"
            )
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"]),
            # The dashboard counts escalations sent in the last 30 days.
            models.Index(
                fields=["sent_at"], condition=Q(state="sent"), name="actions_delivery_sent_at"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_state_display()} to {self.recipient_id} for {self.notification_id}"


class MailCircuit(models.Model):
    """The mail server's circuit breaker: open while the server cannot be reached.

    Kept in the database (not the broker or a worker's memory) so that it survives restarts
    and every worker sees it. While it is open nothing is tried; rows keep their attempts.
    """

    name = models.CharField(max_length=40, primary_key=True, default="smtp")
    failures = models.PositiveIntegerField(
        default=0, help_text="Connection failures in a row since the last message went out."
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    retry_at = models.DateTimeField(
        null=True, blank=True, help_text="Nothing is sent before this time."
    )
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        if self.retry_at is None:
            return f"{self.name}: closed"
        since = f"{self.opened_at:%d %b %H:%M}" if self.opened_at else "?"
        return f"{self.name}: open since {since} UTC, next try at {self.retry_at:%H:%M} UTC"
