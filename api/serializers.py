"""What the API shows of committees, meetings, agenda items and actions, and what it accepts
for a progress update. Querysets come from the views, already through the access rule."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actions.models import Action, ActionUpdate
from agencies.models import Agency
from core.fields import LONG_LIMIT
from meetings.models import AgendaItem, Committee, Meeting, Paper


@extend_schema_field(OpenApiTypes.STR)
class ShortNameField(serializers.RelatedField):
    """An agency by its short name ("MPS")."""

    def to_representation(self, value: Agency) -> str:
        """Its short name."""
        return value.short_name


class CommitteeSerializer(serializers.ModelSerializer):
    """A committee the person is a partner of."""

    host = ShortNameField(read_only=True)
    member_agencies = ShortNameField(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Committee
        fields = ["id", "short_name", "name", "description", "host", "member_agencies", "url"]

    def get_url(self, committee: Committee) -> str:
        """Its page in the product."""
        return committee.get_absolute_url()


class MeetingSerializer(serializers.ModelSerializer):
    """A meeting the person may open."""

    committee = serializers.SlugRelatedField(slug_field="short_name", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "committee", "title", "starts_at", "ends_at", "location", "status", "url"]

    def get_url(self, meeting: Meeting) -> str:
        """Its page (the agenda) in the product."""
        return meeting.get_absolute_url()


class PaperSerializer(serializers.ModelSerializer):
    """A paper of an item, with where to download it (signed in)."""

    url = serializers.SerializerMethodField()

    class Meta:
        model = Paper
        fields = ["id", "title", "size", "content_type", "url"]

    def get_url(self, paper: Paper) -> str:
        """Its download in the product."""
        return reverse("meetings:paper", kwargs={"pk": paper.pk})


class AgendaItemSerializer(serializers.ModelSerializer):
    """An agenda item whose content the person may see, numbered as its agenda numbers it."""

    number = serializers.SerializerMethodField()
    lead_agency = ShortNameField(read_only=True, allow_null=True)
    papers = PaperSerializer(many=True, read_only=True, source="paper_list")

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "parent",
            "number",
            "kind",
            "title",
            "description",
            "recommendation",
            "planned_minutes",
            "restricted",
            "lead_agency",
            "papers",
        ]

    def get_number(self, item: AgendaItem) -> str:
        """Its number on the agenda ("5", "5.2", "Part 1")."""
        numbers: dict[int, str] = self.context.get("numbers", {})
        return numbers.get(item.pk, "")


class PersonSerializer(serializers.Serializer):
    """A person as actions name them."""

    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")


class ActionSerializer(serializers.ModelSerializer):
    """An action the person may see."""

    committee = serializers.SlugRelatedField(slug_field="short_name", read_only=True)
    owning_agency = ShortNameField(read_only=True)
    co_agencies = ShortNameField(many=True, read_only=True)
    owner = PersonSerializer(read_only=True, allow_null=True)
    overdue_days = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = [
            "id",
            "reference",
            "committee",
            "meeting",
            "agenda_item",
            "source",
            "description",
            "owning_agency",
            "co_agencies",
            "owner",
            "due_date",
            "due_text",
            "status",
            "overdue_days",
            "created_at",
            "updated_at",
            "url",
        ]

    def get_overdue_days(self, action: Action) -> int:
        """Whole days past the due date while outstanding (0 when not overdue)."""
        return action.overdue_days(self.context.get("today"))

    def get_url(self, action: Action) -> str:
        """Its page in the product."""
        return action.get_absolute_url()


class UpdateSerializer(serializers.ModelSerializer):
    """A progress update of an action."""

    author = serializers.SerializerMethodField()
    evidence_url = serializers.SerializerMethodField()

    class Meta:
        model = ActionUpdate
        fields = [
            "id",
            "created_at",
            "author",
            "note",
            "status_from",
            "status_to",
            "evidence_name",
            "evidence_url",
        ]

    def get_author(self, update: ActionUpdate) -> str:
        """Who wrote it ("" for a person since removed)."""
        return update.author.full_name if update.author else ""

    def get_evidence_url(self, update: ActionUpdate) -> str | None:
        """Where its evidence is downloaded (signed in), or null without evidence."""
        if not update.evidence:
            return None
        return reverse("actions:evidence", kwargs={"pk": update.pk})


class UpdateCreatedSerializer(UpdateSerializer):
    """A progress update just recorded, with the action's status after it."""

    action_status = serializers.SerializerMethodField()

    class Meta(UpdateSerializer.Meta):
        fields = [*UpdateSerializer.Meta.fields, "action_status"]

    @extend_schema_field(serializers.ChoiceField(choices=Action.Status.choices))
    def get_action_status(self, update: ActionUpdate) -> str:
        """The action's status now."""
        return str(self.context.get("action_status", ""))


class ActionDetailSerializer(ActionSerializer):
    """An action with its progress updates and what this person may do to it."""

    updates = UpdateSerializer(many=True, read_only=True)
    may_update = serializers.SerializerMethodField()
    allowed_statuses = serializers.SerializerMethodField()

    class Meta(ActionSerializer.Meta):
        fields = [*ActionSerializer.Meta.fields, "updates", "may_update", "allowed_statuses"]

    def get_may_update(self, action: Action) -> bool:
        """Whether this person may post a progress update."""
        return bool(self.context.get("may_update"))

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_statuses(self, action: Action) -> list[str]:
        """The statuses this person may move the action to now."""
        return sorted(self.context.get("moves", set()))


class UpdateWriteSerializer(serializers.Serializer):
    """A progress update: a note, a status change, or both (and optionally evidence)."""

    note = serializers.CharField(
        max_length=LONG_LIMIT,
        required=False,
        allow_blank=True,
        default="",
        help_text=f"Up to {LONG_LIMIT:,} characters.",
        error_messages={"max_length": f"Shorten the note to {LONG_LIMIT:,} characters or fewer."},
    )
    status = serializers.ChoiceField(
        choices=Action.Status.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="A status this person may move the action to now (see allowed_statuses).",
    )
    evidence = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The letter or report that answers the action (multipart only), up to 20 MB.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Something must be said: a note, a status or evidence."""
        if (
            not attrs.get("note", "").strip()
            and not attrs.get("status")
            and not attrs.get("evidence")
        ):
            raise serializers.ValidationError(
                {"note": "Write a note, change the status or attach evidence."}
            )
        return attrs
