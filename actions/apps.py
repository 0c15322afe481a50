"""App config for actions: what agencies promised, and chasing it."""

from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Actions"
