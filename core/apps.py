"""core as an app: only for its plumbing tables (submitted forms, drafts) and template tags."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared plumbing; no domain models."""

    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the `__any` lookup (core/lookups.py)."""
        from .lookups import register

        register()
