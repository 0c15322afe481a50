"""Smoke test for the minutes selector shape (replaced by the full suite)."""

from attendance.models import Invitation
from attendance.selectors import minutes_attendance


def test_minutes_attendance_lists_present_members(world, meeting):
    Invitation.objects.create(
        meeting=meeting, person=world.lead, agency=world.mps, status="present"
    )
    result = minutes_attendance(meeting, world.chair)
    assert [line.name for line in result.present] == [world.lead.full_name]
    assert result.quorum.met
