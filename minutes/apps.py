"""App config for minutes: what was said and resolved, from draft to locked."""

from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = "Minutes"
