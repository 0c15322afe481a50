"""The Celery app; its broker comes from CELERY_BROKER_URL (Redis in production)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("partnership")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
