"""App config for demo: the seed-derived demo data and its loader, on top of every app."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "Demo data"
