"""App config for meetings: committees, meetings, agendas, attendance, minutes."""

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Committees and meetings"
