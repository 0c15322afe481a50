"""Who was invited to a meeting, who came, the committee's quorum rule and declarations of interest.

An `Invitation` is one person expected at one meeting, in one capacity, for one agency, and carries
that person's attendance. Guests may be invited for a single agenda item or part (a panel). Every
change of attendance is kept in `AttendanceChange`.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from audit.targets import ReadKind, Target


class QuorumRule(models.Model):
    """A committee's quorum: a minimum number of members present, and agencies that must be."""

    committee = models.OneToOneField(
        "meetings.Committee", on_delete=models.CASCADE, related_name="quorum_rule"
    )
    min_members_present = models.PositiveIntegerField(
        default=0, help_text="Members (or their substitutes) who must be present."
    )
    required_agencies = models.ManyToManyField(
        "agencies.Agency",
        related_name="+",
        blank=True,
        help_text="Agencies at least one of whose people must be present.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Quorum of {self.committee}"


class Invitation(models.Model):
    """One person expected at one meeting, with their attendance."""

    class Capacity(models.TextChoices):
        MEMBER = "member", "Member"
        OFFICER = "officer", "Officer"
        GUEST = "guest", "Guest"
        OBSERVER = "observer", "Observer"

    class Status(models.TextChoices):
        EXPECTED = "expected", "Expected"
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"
        SUBSTITUTE = "substitute", "Substitute"

    # Statuses in which a person is in the room (late arrival and early leaving are times on these).
    ATTENDING = (Status.PRESENT, Status.SUBSTITUTE)

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invitations",
        help_text="Empty only for an anonymous guest recorded by a pseudonym.",
    )
    pseudonym = models.CharField(
        max_length=100,
        blank=True,
        help_text=(
            "For a survivor or witness who must stay anonymous: never linked to an account."
        ),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invitations",
        help_text="The agency the person attends for; none for an independent guest.",
    )
    capacity = models.CharField(max_length=10, choices=Capacity.choices, default=Capacity.MEMBER)
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        help_text="For a guest invited to one item or part only (a panel).",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.EXPECTED)
    substitute_for = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substitutes",
        help_text="The invitation of the person this one substitutes for.",
    )
    arrived_at = models.DateTimeField(null=True, blank=True, help_text="Set when they came late.")
    left_at = models.DateTimeField(null=True, blank=True, help_text="Set when they left early.")
    note = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0, help_text="Order within the meeting.")
    revision = models.PositiveIntegerField(
        default=0, help_text="Bumped by every change, so an edit on a stale page is refused."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_invitation_per_person"),
            models.UniqueConstraint(
                fields=["meeting", "pseudonym"],
                condition=~Q(pseudonym=""),
                name="one_invitation_per_pseudonym",
            ),
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(pseudonym=""))
                | (Q(person__isnull=True) & ~Q(pseudonym="") & Q(capacity="guest")),
                name="person_or_pseudonymous_guest",
            ),
            models.UniqueConstraint(
                fields=["substitute_for"],
                condition=Q(substitute_for__isnull=False),
                name="one_substitute_per_invitation",
            ),
            models.CheckConstraint(
                condition=Q(status="substitute", substitute_for__isnull=False)
                | (~Q(status="substitute") & Q(substitute_for__isnull=True)),
                name="substitute_status_matches_substitute_for",
            ),
            models.CheckConstraint(
                condition=Q(arrived_at__isnull=True)
                | Q(left_at__isnull=True)
                | Q(left_at__gt=F("arrived_at")),
                name="leaves_after_arriving",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "capacity"])]

    def __str__(self) -> str:
        return f"{self.name} at {self.meeting_id} ({self.get_capacity_display()})"

    @property
    def name(self) -> str:
        """The person's name, or the pseudonym an anonymous guest is recorded by."""
        return self.person.full_name if self.person else self.pseudonym

    @property
    def attending(self) -> bool:
        """Whether the person was in the room (present or substituting)."""
        return self.status in self.ATTENDING

    def audit_targets(self) -> Iterator[Target]:
        """A guest invited for an item is shown with its title: a read of the item."""
        if self.agenda_item_id:
            yield Target(ReadKind.ITEM, self.agenda_item_id, self.agenda_item_id)


class AttendanceChange(models.Model):
    """One recorded change of someone's attendance: who changed it, when, from what, to what."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=10, choices=Invitation.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Invitation.Status.choices)
    details = models.JSONField(
        default=dict,
        blank=True,
        help_text='Other fields that changed: {"field": [from, to]}, values as text.',
    )

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.invitation_id}: {self.from_status or 'new'} → {self.to_status}"


class Declaration(models.Model):
    """A declaration of interest made at a meeting, on one item or on the meeting's business."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="declarations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="declarations"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="declarations",
    )
    nature = models.TextField(help_text="The interest declared, as it will read in the minutes.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.nature[:60]}"

    def audit_targets(self) -> Iterator[Target]:
        """An interest declared on an item is shown with its title: a read of the item."""
        if self.agenda_item_id:
            yield Target(ReadKind.ITEM, self.agenda_item_id, self.agenda_item_id)
