"""Admin for committees, agenda items (filtered through the access rule) and the audit log."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from audit.admin import RestrictedReadAdmin
from audit.guarded import AccessRuleAdmin, GuardedDeletionMixin
from audit.models import RestrictedRead

from . import access, read_log
from .models import AgendaItem, Committee


@admin.register(Committee)
class CommitteeAdmin(GuardedDeletionMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "host"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["host", "member_agencies", "chairs", "secretariat"]
    list_select_related = ["host"]


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

    def is_partner(self, request: HttpRequest) -> bool:
        return access.partner_committees(request.user).exists()


@admin.register(RestrictedRead)
class ReadLogAdmin(RestrictedReadAdmin):
    """The audit log, as the log page shows it to each person."""

    def visible_reads(self, request: HttpRequest) -> QuerySet:
        user = request.user
        if not user.is_authenticated:  # the admin lets no one in unsigned; typed for mypy
            return RestrictedRead.objects.none()
        return read_log.visible_reads(user)
