"""The models whose rows carry (or reveal) restricted content, and the admin's guard for them.

A restricted item's content lives in more rows than the item: its papers, questions, published
versions, grants, minute and resolutions, comments, actions and their updates and chasing rows,
the guests invited for it, declarations on it, the log of its reads, and the admin's own log of
changes (which keeps an object's name). No user or group may hold a model-level permission on
these (tests/security/test_tripwire.py), and an admin page must not list them to staff who are
not superusers: `GuardedDeletionMixin` guards the deletion pages, and `AccessRuleAdmin` is the
base of the admins of guarded models (`meetings/admin.py`, `actions/admin.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.db.models import QuerySet
from django.http import HttpRequest

from .services import record_reads
from .targets import Audited

if TYPE_CHECKING:
    # The mixin goes before admin.ModelAdmin in a class's bases; type-checked as one.
    _AdminBase = admin.ModelAdmin
else:
    _AdminBase = object

AUTOCOMPLETE_PAGE = 20  # what the admin's autocomplete shows at once

GUARDED_MODELS = frozenset(
    {
        "meetings.agendaitem",
        "meetings.paper",
        "meetings.publicquestion",
        "meetings.agendaversion",
        "meetings.agendaitemuserobjectpermission",
        "meetings.agendaitemgroupobjectpermission",
        "guardian.userobjectpermission",
        "guardian.groupobjectpermission",
        "minutes.minute",
        "minutes.resolution",
        "minutes.minuteamendment",
        "minutes.minutescomment",
        "actions.action",
        "actions.actionupdate",
        "actions.notification",
        "actions.delivery",
        "attendance.invitation",
        "attendance.declaration",
        "attendance.attendancechange",
        "audit.restrictedread",
        "audit.disclosure",
        "admin.logentry",
    }
)


class GuardedDeletionMixin(_AdminBase):
    """For a ModelAdmin whose deletions can reach guarded rows (a person's declarations, an
    agency's grants, a committee's actions): Django's confirmation page lists every row that
    would go, by name. For staff who are not superusers such a deletion is refused instead,
    naming only the kinds of row, as when a permission is missing."""

    def get_deleted_objects(self, objs, request: HttpRequest):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        if request.user.is_superuser:
            # Superusers are shown them: that is a read of restricted content, and is logged.
            shown = [o for objects in collector.model_objs.values() for o in objects]
            surface = request.resolver_match.view_name if request.resolver_match else "admin"
            # Any model may be reached; those that never show restricted content declare nothing.
            audited = [o for o in (*shown, *collector.protected) if isinstance(o, Audited)]
            record_reads(request.user, audited, surface)
            return deleted, counts, perms_needed, protected
        reached = set(collector.model_objs) | {type(obj) for obj in collector.protected}
        guarded = {
            m for m in reached if isinstance(m, type) and m._meta.label_lower in GUARDED_MODELS
        }
        if guarded:
            perms_needed = set(perms_needed) | {str(m._meta.verbose_name) for m in guarded}
            protected = []
        return deleted, counts, perms_needed, protected


class AccessRuleAdmin(admin.ModelAdmin):
    """Rows filtered by the access rule for non-superusers; read-only for them.

    Staff who are not superusers hold no model-level permission on a guarded model (a tripwire
    test makes sure of it), so these admins do not ask for one: a staff member may open them when
    they are a partner of some committee, and sees only the rows the access rule lets them see.
    The rule lives above audit, so each subclass (in its own app's admin) answers `visible` and
    `is_partner` from it. Nothing guarded is changed here by anyone but a superuser: items, their
    access and actions are changed in the product, through its services.
    """

    def visible(self, request: HttpRequest) -> QuerySet:
        """The rows this person may see (for non-superusers)."""
        raise NotImplementedError

    def is_partner(self, request: HttpRequest) -> bool:
        """Whether this person is a partner of some committee."""
        raise NotImplementedError

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=self.visible(request).values("pk"))

    def _staff_partner(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and user.is_staff and self.is_partner(request)

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
        surface = request.resolver_match.view_name if request.resolver_match else "admin"
        record_reads(request.user, shown, surface)
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
        match = request.resolver_match
        if match is not None and match.view_name == "admin:autocomplete":
            record_reads(request.user, queryset[:AUTOCOMPLETE_PAGE], "admin:autocomplete")
        return queryset, duplicates

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser
