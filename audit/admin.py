"""Admin for the guarded models, filtered through the access rule (DESIGN.md section 3).

Staff who are not superusers hold no model-level permission on a guarded model (a tripwire test
makes sure of it), so these admins do not ask for one: a staff member may open them when they
are a partner of some committee, and sees only the rows `meetings.access` lets them see.
Nothing guarded is changed here by anyone but a superuser: items, their access and actions are
changed in the product, through its services.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest

from actions.models import Action
from meetings import access
from meetings.models import AgendaItem

from . import selectors
from .guarded import GuardedDeletionMixin
from .models import RestrictedRead
from .services import record_reads

AUTOCOMPLETE_PAGE = 20  # what the admin's autocomplete shows at once


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

    # Reads through the admin are audited like any other: the rows of a changelist page, the
    # object of a change, history or delete page, the first page of an autocomplete.
    def _audited(self, request: HttpRequest, response):
        context = getattr(response, "context_data", None) or {}
        shown = []
        if context.get("cl") is not None:
            shown = list(context["cl"].result_list)
        elif context.get("original") is not None or context.get("object") is not None:
            shown = [context.get("original") or context.get("object")]
        record_reads(request.user, shown, request.resolver_match.view_name)
        return response

    def changelist_view(self, request: HttpRequest, extra_context=None):
        return self._audited(request, super().changelist_view(request, extra_context))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        return self._audited(request, response)

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        return self._audited(request, super().history_view(request, object_id, extra_context))

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        return self._audited(request, super().delete_view(request, object_id, extra_context))

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if request.resolver_match.view_name == "admin:autocomplete":
            record_reads(request.user, queryset[:AUTOCOMPLETE_PAGE], "admin:autocomplete")
        return queryset, duplicates

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
    # Not the item or the meeting: their names would tell a lead of a read they may see of
    # an item they may not.
    fields = ["read_at", "reader_name", "kind", "object_id", "surface", "committee"]
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


# Agency groups hold the grants on restricted items; deleting one would list them by name.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(GuardedDeletionMixin, BaseGroupAdmin):
    """Groups, whose deletion staff see only as kinds of row when it reaches restricted ones."""
