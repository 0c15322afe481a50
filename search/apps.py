"""The search app's configuration."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Search."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Search"
