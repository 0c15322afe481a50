"""Admin for the audit log, and for groups, whose deletion can reach guarded rows.

The log's admin shows each person the reads the access rule lets them see; that rule lives
above audit, so the admin registered is a subclass in `meetings/admin.py` that answers
`visible_reads`. The admins of guarded models are registered by their own apps on
`audit.guarded.AccessRuleAdmin`.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest

from .guarded import GuardedDeletionMixin
from .models import Disclosure, FactorReset, ImportRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log's admin: rows are read, never added, changed or deleted through the product."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class RestrictedReadAdmin(ReadOnlyAdmin):
    """The audit log; it is never edited."""

    list_display = ["read_at", "reader_name", "kind", "object_id", "surface", "committee"]
    # Not the item or the meeting: their names would tell a lead of a read they may see of
    # an item they may not.
    fields = ["read_at", "reader_name", "kind", "object_id", "surface", "committee"]
    list_filter = ["kind", "committee"]
    search_fields = ["reader_name", "surface"]
    list_select_related = ["committee"]
    date_hierarchy = "read_at"

    def visible_reads(self, request: HttpRequest) -> QuerySet:
        """The reads this person may see in the log."""
        raise NotImplementedError

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return self.visible_reads(request) & super().get_queryset(request)


# Agency groups hold the grants on restricted items; deleting one would list them by name.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(GuardedDeletionMixin, BaseGroupAdmin):
    """Groups, whose deletion staff see only as kinds of row when it reaches restricted ones."""


@admin.register(ImportRecord)
class ImportRecordAdmin(ReadOnlyAdmin):
    """The log of imports; it is never edited."""

    list_display = [
        "imported_at",
        "imported_by_name",
        "kind",
        "via",
        "file_name",
        "committee",
        "created",
        "unchanged",
        "refused",
    ]
    fields = ["imported_at", "imported_by_name", "kind", "via", "file_name", "committee",
              "created", "unchanged", "refused"]  # fmt: skip
    list_filter = ["kind", "via", "committee"]
    search_fields = ["imported_by_name", "file_name"]
    list_select_related = ["committee"]


@admin.register(FactorReset)
class FactorResetAdmin(ReadOnlyAdmin):
    """Who reset whose second factor, and when; never edited."""

    list_display = ["reset_at", "actor_name", "person_name", "person_email", "devices"]
    fields = ["reset_at", "actor_name", "person_name", "person_email", "devices"]
    search_fields = ["actor_name", "person_name", "person_email"]
    date_hierarchy = "reset_at"


@admin.register(Disclosure)
class DisclosureAdmin(ReadOnlyAdmin):
    """The disclosure log; never edited, and shown in the admin to superusers only (chairs and
    records officers read it at /audit/disclosures/)."""

    list_display = ["disclosed_at", "route", "by_name", "to_name", "label", "version", "committee"]
    fields = ["disclosed_at", "route", "surface", "by_name", "to_name", "to_email", "kind",
              "object_id", "label", "version", "committee"]  # fmt: skip
    list_filter = ["route", "committee"]
    search_fields = ["by_name", "to_name", "to_email"]
    list_select_related = ["committee"]
    date_hierarchy = "disclosed_at"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser
