"""Admin for the guarded models, filtered through the access rule (DESIGN.md section 3).

Staff who are not superusers hold no model-level permission on a guarded model (a tripwire test
makes sure of it), so these admins do not ask for one: a staff member may open them when they
are a partner of some committee, and sees only the rows `meetings.access` lets them see.
Nothing guarded is changed here by anyone but a superuser: items, their access and actions are
changed in the product, through its services.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from actions.models import Action
from meetings import access
from meetings.models import AgendaItem

from . import selectors
from .models import RestrictedRead


class AccessRuleAdmin(admin.ModelAdmin):
    """Rows filtered by the access rule for non-superusers; read-only for them."""

    def visible(self, request: HttpRequest) -> QuerySet:
        """The rows this person may see (for non-superusers)."""
        raise NotImplementedError

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=self.visible(request).values("pk"))

    def _staff_partner(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and user.is_staff and access.partner_committees(user).exists()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or self._staff_partner(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        if request.user.is_superuser:
            return True
        if not self._staff_partner(request):
            return False
        return obj is None or self.visible(request).filter(pk=obj.pk).exists()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(AgendaItem)
class AgendaItemAdmin(AccessRuleAdmin):
    """Agenda items; restricted ones only for those granted them, the chairs and secretariat."""

    list_display = ["title", "meeting", "kind", "restricted"]
    list_filter = ["restricted", "kind"]
    search_fields = ["title", "meeting__title"]
    list_select_related = ["meeting__committee"]
    raw_id_fields = ["meeting", "parent", "lead_agency", "presenters"]
    readonly_fields = ["restricted"]

    def visible(self, request: HttpRequest) -> QuerySet:
        return access.visible_agenda_items(request.user)


@admin.register(Action)
class ActionAdmin(AccessRuleAdmin):
    """Actions; those of restricted items follow their item."""

    list_display = ["reference", "committee", "owning_agency", "status", "due_date"]
    list_filter = ["status"]
    search_fields = ["reference", "description"]
    list_select_related = ["committee", "owning_agency"]
    raw_id_fields = ["committee", "meeting", "agenda_item", "owning_agency", "owner", "created_by"]
    readonly_fields = ["agenda_item"]

    def visible(self, request: HttpRequest) -> QuerySet:
        return access.visible_actions(request.user)


@admin.register(RestrictedRead)
class RestrictedReadAdmin(admin.ModelAdmin):
    """The audit log; it is never edited."""

    list_display = ["read_at", "reader_name", "kind", "object_id", "surface", "committee"]
    list_filter = ["kind", "committee"]
    search_fields = ["reader_name", "surface"]
    list_select_related = ["committee"]
    date_hierarchy = "read_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return selectors.visible_reads(request.user) & super().get_queryset(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
