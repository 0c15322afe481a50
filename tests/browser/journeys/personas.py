"""What the journeys start from, made through the services as the earlier weeks would have:
the shared world plus a standing agenda, a meeting with one item restricted to MOPAC, its
invitations, and the meeting after it."""

from __future__ import annotations

from attendance import services as attendance
from meetings import services
from meetings.models import AgendaItem, Committee, Meeting
from tests.agenda_fixtures import add, at

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
        use_template=False,
    )
    services.agenda_apply_template(meeting=meeting, template=STANDING_AGENDA)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    meeting.refresh_from_db()
    return meeting


SECRET = "Operation Kestrel: the survivor's testimony"
SECRET_PAPER = "Kestrel case review"
ITEM = "CSE referrals by borough"


def meeting_with_secret(world, day: str, *, publish: bool = True) -> Meeting:
    """A meeting on `day` of the standing-agenda shape, with a substantive item for the MPS
    and one restricted to MOPAC; the committee invited; published (its agenda emailed) unless
    `publish` is False."""
    meeting = services.meeting_create(
        committee=world.committee,
        title="Justice Matters: sexual violence",
        starts_at=at(day, "10:00"),
        ends_at=at(day, "12:00"),
        location="City Hall",
        use_template=False,
    )
    add(meeting, "Apologies for absence", kind=AgendaItem.Kind.APOLOGIES, planned_minutes=5)
    add(meeting, "Minutes of the last meeting", kind=AgendaItem.Kind.MINUTES, planned_minutes=5)
    add(meeting, ITEM, planned_minutes=30, lead_agency=world.mps)
    secret = add(meeting, SECRET, planned_minutes=30, lead_agency=world.mopac)
    services.item_restrict(
        item=secret, expected_revision=None, restricted=True, agencies=[world.mopac]
    )
    add(meeting, "Any other business", kind=AgendaItem.Kind.AOB, planned_minutes=5)
    attendance.invitations_generate(meeting=meeting, by=world.clerk)
    if publish:
        services.agenda_publish(meeting=meeting, by=world.clerk)
    meeting.refresh_from_db()
    return meeting
