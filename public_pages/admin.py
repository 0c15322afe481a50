"""The retention job's marks in the admin: read-only, for superusers. An exempt item's paper is
not named here (its officers' page names it, and logs the read)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from .models import RemovableRecord
from .retention import row_of


class KindFilter(admin.SimpleListFilter):
    """A meeting's agenda and minutes, a paper, or a background paper."""

    title = "kind"
    parameter_name = "kind"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        """The three kinds of record the job marks."""
        return [
            ("record", "Agenda and minutes"),
            ("paper", "Paper"),
            ("background", "Background paper"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        """The marks of the chosen kind."""
        match self.value():
            case "record":
                return queryset.filter(meeting__isnull=False)
            case "paper":
                return queryset.filter(paper__isnull=False, paper__is_background=False)
            case "background":
                return queryset.filter(paper__is_background=True)
        return queryset


@admin.register(RemovableRecord)
class RemovableRecordAdmin(admin.ModelAdmin):
    """What may come off the public pages, and since when; removing stays a person's step."""

    list_display = ["record", "committee", "meeting_label", "rule", "removable_since", "marked_at"]
    list_filter = [KindFilter, "removable_since", "marked_at"]
    date_hierarchy = "removable_since"
    search_fields = [
        "meeting__title",
        "meeting__committee__name",
        "paper__title",
        "paper__item__meeting__title",
        "paper__item__meeting__committee__name",
    ]
    list_select_related = ["meeting__committee", "paper__item__meeting__committee"]
    fields = ("record", "committee", "meeting_label", "rule", "removable_since", "marked_at")
    readonly_fields = fields

    @admin.display(description="Record")
    def record(self, obj: RemovableRecord) -> str:
        """What the mark is for; an exempt item's paper without its title."""
        row = row_of(obj)
        return f"A paper of an exempt item (paper {obj.paper_id})" if row.exempt else row.what

    @admin.display(description="Committee")
    def committee(self, obj: RemovableRecord) -> str:
        """The committee whose meeting it is."""
        return row_of(obj).meeting.committee.name

    @admin.display(description="Meeting")
    def meeting_label(self, obj: RemovableRecord) -> str:
        """The meeting, with its day."""
        meeting = row_of(obj).meeting
        return f"{meeting.title}, {timezone.localtime(meeting.starts_at):%d %b %Y}"

    @admin.display(description="Rule")
    def rule(self, obj: RemovableRecord) -> str:
        """The rule that made it removable."""
        return row_of(obj).rule

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
