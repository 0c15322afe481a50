"""App config for attendance: who was invited, who came, quorum and declarations."""

from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = "Attendance"

    def ready(self) -> None:
        """Say on the "cancel this meeting" page how many invitees it concerns."""
        from meetings.consequences import MEETING_CANCEL, register

        from .consequences import meeting_cancel

        register(MEETING_CANCEL, meeting_cancel)
