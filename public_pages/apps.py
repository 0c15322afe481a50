"""The public app's configuration."""

from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public face: what committees meeting in public publish, for anyone."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "public_pages"
    verbose_name = "Public pages"
