"""The intake app's configuration."""

from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """Import."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "intake"
    verbose_name = "Import"
