"""What the journeys start from: the shared world plus a standing agenda, a meeting already
held (whose minutes the new one approves) and an attendee list, all made through services."""

from __future__ import annotations

from meetings import services
from meetings.models import AgendaItem, Committee, Meeting
from tests.agenda_fixtures import at

STANDING_AGENDA = [
    {"title": "Apologies for absence", "kind": AgendaItem.Kind.APOLOGIES, "planned_minutes": 5},
    {
        "title": "Declarations of interest",
        "kind": AgendaItem.Kind.DECLARATIONS,
        "planned_minutes": 5,
    },
    {
        "title": "Minutes of the last meeting",
        "kind": AgendaItem.Kind.MINUTES,
        "planned_minutes": 10,
    },
    {"title": "Summary of actions", "kind": AgendaItem.Kind.ACTIONS, "planned_minutes": 15},
    {"title": "Any other business", "kind": AgendaItem.Kind.AOB, "planned_minutes": 5},
]


def with_standing_agenda(committee: Committee) -> Committee:
    """The committee's standing agenda, as a clerk would have set it up once."""
    committee.standing_agenda = STANDING_AGENDA
    committee.default_location = "City Hall, Committee Room 4"
    committee.save(update_fields=["standing_agenda", "default_location"])
    return committee


def next_meeting(committee: Committee, day: str) -> Meeting:
    """The committee's following meeting, published from the standing agenda, where the
    minutes of the meeting the journey runs are approved."""
    meeting = services.meeting_create(
        committee=committee,
        title="Following meeting",
        starts_at=at(day, "10:00"),
        ends_at=at(day, "12:00"),
        location=committee.default_location,
    )
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    meeting.refresh_from_db()
    return meeting
