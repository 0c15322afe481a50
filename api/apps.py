"""The api app's configuration."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """API."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "API"

    def ready(self) -> None:
        """Register the schema's description of the token authentication."""
        from . import schema  # noqa: F401
