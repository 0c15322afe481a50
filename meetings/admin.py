"""Admin for committees."""

from django.contrib import admin

from audit.guarded import GuardedDeletionMixin

from .models import Committee


@admin.register(Committee)
class CommitteeAdmin(GuardedDeletionMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "host"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["host", "member_agencies", "chairs", "secretariat"]
    list_select_related = ["host"]
