"""Admin for actions (filtered through the access rule), chasing policies and the notification
outbox with its states."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from audit.guarded import AccessRuleAdmin
from core.fields import TEXT_LIMIT, BoundedDateField, LineField, TextField
from meetings import access

from . import outbox
from .models import Action, ChasingPolicy, Delivery, MailCircuit, Notification
from .ownership import check_owners
from .visibility import visible_actions


class ActionAdminForm(forms.ModelForm):
    """Refuses owners of a restricted item's action who may not see the item, as the pages do;
    its texts and dates bounded as on the pages."""

    source = LineField(limit=200, required=False, help_text=str(Action.source.field.help_text))
    reference = LineField(limit=40)
    description = TextField(limit=TEXT_LIMIT, widget=forms.Textarea)
    due_date = BoundedDateField(required=False)
    due_text = LineField(limit=100, required=False, help_text=str(Action.due_text.field.help_text))

    class Meta:
        model = Action
        fields = [
            "committee",
            "meeting",
            "source",
            "reference",
            "description",
            "owning_agency",
            "owner",
            "co_agencies",
            "due_date",
            "due_text",
            "status",
            "created_by",
        ]

    def clean(self) -> dict:
        """The owning agency, co-owners and owner must be granted a restricted item."""
        data = super().clean() or {}
        try:
            check_owners(
                agenda_item_id=self.instance.agenda_item_id,
                owning_agency=data.get("owning_agency"),
                owner=data.get("owner"),
                co_agencies=data.get("co_agencies") or [],
            )
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return data


@admin.register(Action)
class ActionAdmin(AccessRuleAdmin):
    """Actions; those of restricted items follow their item."""

    form = ActionAdminForm

    list_display = ["reference", "committee", "owning_agency", "status", "due_date"]
    list_filter = ["status"]
    search_fields = ["reference", "description"]
    list_select_related = ["committee", "owning_agency"]
    raw_id_fields = ["committee", "meeting", "agenda_item", "owning_agency", "owner", "created_by"]
    readonly_fields = ["agenda_item"]

    def visible(self, request: HttpRequest) -> QuerySet:
        return visible_actions(request.user)

    def is_partner(self, request: HttpRequest) -> bool:
        return access.partner_committees(request.user).exists()


@admin.register(ChasingPolicy)
class ChasingPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "committee",
        "active",
        "remind_days_before",
        "overdue_repeat_days",
        "managers_after_days",
        "officers_after_days",
    ]


@admin.register(Delivery)
class OutboxAdmin(admin.ModelAdmin):
    """The outbox: every reminder and digest line, pending, sent, failed or cancelled.

    It shows references and subjects only (never an action's description), so nothing of a
    restricted item is shown here.
    """

    list_display = [
        "created_at",
        "state",
        "kind",
        "reference",
        "recipient",
        "digest",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["state", "digest", "notification__kind", "notification__level"]
    search_fields = ["recipient__email", "notification__action__reference"]
    list_select_related = ["recipient", "notification__action"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]
    readonly_fields = [f.name for f in Delivery._meta.fields]

    @admin.display(description="Kind")
    def kind(self, row: Delivery) -> str:
        """Reminder, overdue or escalation, and the rung of the ladder."""
        return f"{row.notification.get_kind_display()} (level {row.notification.level})"

    @admin.display(description="Action")
    def reference(self, row: Delivery) -> str:
        """The action's reference only."""
        return row.notification.action.reference

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        """The list, headed by what needs a person: an open circuit and silent steps."""
        if request.method != "GET":
            return super().changelist_view(request, extra_context)
        circuit = MailCircuit.objects.exclude(retry_at=None).first()
        if circuit is not None:
            self.message_user(
                request,
                f"Mail server unavailable: {circuit}. {circuit.last_error[:200]} Rows keep "
                "their attempts and go out when it is back.",
                messages.WARNING,
            )
        silent = Notification.objects.exclude(unreached="").filter(
            action__in=self._actions(request), action__status__in=Action.OUTSTANDING
        )
        if silent.exists():
            self.message_user(
                request,
                f"{silent.count()} ladder steps reached nobody (no one who can sign in may see "
                "the action); see Ladder steps, filtered by 'reached nobody'.",
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)

    def _actions(self, request: HttpRequest) -> QuerySet:
        if request.user.is_superuser:
            return Action.objects.values("id")
        return visible_actions(request.user).values("id")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Delivery]:
        """Staff who are not superusers see the rows of the actions they may see."""
        rows = super().get_queryset(request)
        if request.user.is_superuser:
            return rows
        return rows.filter(notification__action__in=visible_actions(request.user).values("id"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Delivery | None = None) -> bool:
        return False

    @admin.action(description="Send again at the next sweep")
    def retry_now(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        """Put failed rows back to pending with a fresh attempt count."""
        count = outbox.delivery_retry(queryset)
        self.message_user(request, f"{count} deliveries will be sent again.", messages.SUCCESS)


class ReachedNobody(admin.SimpleListFilter):
    """Steps that could be sent to no one."""

    title = "reached"
    parameter_name = "reached"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("nobody", "Reached nobody")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "nobody":
            return queryset.exclude(unreached="")
        return queryset


@admin.register(Notification)
class LadderStepAdmin(admin.ModelAdmin):
    """Ladder steps, to find those that reached nobody. References only, like the outbox."""

    list_display = ["day", "kind", "level", "reference", "planned_at", "unreached"]
    list_filter = [ReachedNobody, "kind", "level"]
    search_fields = ["action__reference"]
    list_select_related = ["action"]
    # Not the action itself: its name would show a restricted action's description.
    fields = ("reference", "kind", "level", "day", "created_at", "planned_at", "unreached")
    readonly_fields = fields

    @admin.display(description="Action")
    def reference(self, row: Notification) -> str:
        """The action's reference only."""
        return row.action.reference

    def get_queryset(self, request: HttpRequest) -> QuerySet[Notification]:
        """Staff who are not superusers see the steps of the actions they may see."""
        rows = super().get_queryset(request)
        if request.user.is_superuser:
            return rows
        return rows.filter(action__in=visible_actions(request.user).values("id"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False
