"""The transcripts app's configuration."""

from django.apps import AppConfig


class TranscriptsConfig(AppConfig):
    """Draft actions from what was said at a meeting (issue #18)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "transcripts"
    verbose_name = "Transcripts"
