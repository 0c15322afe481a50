"""The models whose rows carry (or reveal) restricted content, and the admin's guard for them.

A restricted item's content lives in more rows than the item: its papers, questions, published
versions, grants, minute and resolutions, comments, actions and their updates and chasing rows,
the guests invited for it, declarations on it, the log of its reads, and the admin's own log of
changes (which keeps an object's name). No user or group may hold a model-level permission on
these (tests/security/test_tripwire.py), and an admin page must not list them to staff who are
not superusers.
"""

from __future__ import annotations

from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.http import HttpRequest

from .services import record_reads
from .targets import Audited

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
        "admin.logentry",
    }
)


class GuardedDeletionMixin:
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
        guarded = {m for m in reached if m._meta.label_lower in GUARDED_MODELS}
        if guarded:
            perms_needed = set(perms_needed) | {str(m._meta.verbose_name) for m in guarded}
            protected = []
        return deleted, counts, perms_needed, protected
