from django.contrib import admin

from .models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """The outbox as administrators check it: what was sent, what failed and why."""

    list_display = ("event", "recipient", "kind", "email", "attempts", "sent_at", "read_at")
    list_filter = ("email", "kind")
    search_fields = ("event", "recipient__email")
    raw_id_fields = ("recipient",)
    readonly_fields = ("created_at",)
