from django.apps import AppConfig


class InboxConfig(AppConfig):
    """People's messages: the in-app list and the email outbox that delivers them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "inbox"
