"""App config for attendance: who was invited, who came, quorum and declarations."""

from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = "Attendance"

    def ready(self) -> None:
        """Say on the "cancel this meeting" page how many invitees it concerns, and tell
        meetings who is invited, so publishing sends the agenda to them."""
        from meetings.consequences import MEETING_CANCEL, register

        from .consequences import meeting_cancel

        register(MEETING_CANCEL, meeting_cancel)

        # Tell meetings who is invited, so publishing sends the agenda to them.
        from meetings.audience import AUDIENCE

        from .services.invitations import committee_invite, invited_people

        AUDIENCE.invited = invited_people
        AUDIENCE.invite_committee = committee_invite
