"""App config for attendance: who was invited, who came, quorum and declarations."""

from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = "Attendance"
