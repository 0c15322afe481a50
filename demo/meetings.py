"""Loads the seed committees and meetings through the meetings services (agendas published by
agenda_publish, statuses moved by the lifecycle); running it again changes nothing."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction

from agencies.models import Agency, User
from demo.data.committees import COMMITTEES
from demo.data.meetings import MEETINGS, STANDING_AGENDAS
from meetings import services
from meetings.models import AgendaItem, AgendaNotice, AgendaVersion, Committee, Meeting
from meetings.notices import committee_invitees

LONDON = ZoneInfo("Europe/London")
Status = Meeting.Status


@transaction.atomic
def load_committees(*, people: dict[str, User]) -> dict[str, Committee]:
    """Create or update the three seed committees with their chairs, clerks and agencies."""
    agencies = {a.short_name: a for a in Agency.objects.all()}
    committees = {}
    for row in COMMITTEES:
        committee, _ = Committee.objects.update_or_create(
            short_name=row["short_name"].lower(),
            defaults={
                "name": row["name"],
                "description": row["description"],
                "host": agencies[row["host"]],
                "is_public": row.get("is_public", False),
            },
        )
        committee.member_agencies.set([agencies[s] for s in row["member_agencies"]])
        committee.chairs.set([people[k] for k in row["chairs"]])
        committee.secretariat.set([people[k] for k in row["secretariat"]])
        committees[row["short_name"]] = committee
    return committees


def _london(value: str) -> datetime:
    """An aware datetime from a wall-clock time in London."""
    return datetime.fromisoformat(value).replace(tzinfo=LONDON)


@transaction.atomic
def load_meetings(*, people: dict[str, User], committees: dict[str, Committee]) -> list[Meeting]:
    """Give the seed committees their standing agendas and create the seed meetings with their
    agendas, published as version 1. A meeting already there (same committee and start) is left
    alone, so a second run adds nothing."""
    agencies = {a.short_name: a for a in Agency.objects.all()}
    for short_name, template in STANDING_AGENDAS.items():
        committee = committees[short_name]
        if committee.standing_agenda != template:
            committee.standing_agenda = template
            committee.save(update_fields=["standing_agenda"])
    meetings = []
    for row in MEETINGS:
        committee = committees[row["committee"]]
        starts_at = _london(row["starts_at"])
        meeting = Meeting.objects.filter(committee=committee, starts_at=starts_at).first()
        if meeting is None:
            meeting = _create_meeting(row, committee, starts_at, people, agencies)
        meetings.append(meeting)
    return meetings


def _create_meeting(
    row: dict,
    committee: Committee,
    starts_at: datetime,
    people: dict[str, User],
    agencies: dict[str, Agency],
) -> Meeting:
    chairs = [people[k] for k in row["chairs"]]
    meeting = services.meeting_create(
        committee=committee,
        title=row["title"],
        starts_at=starts_at,
        ends_at=_london(row["ends_at"]),
        location=row["location"],
        chairs=chairs,
        use_template=False,
    )
    for item_row in row["items"]:
        _create_item(meeting, item_row, None, people, agencies)
    _publish(meeting, chairs[0], row.get("published_on"))
    meeting.refresh_from_db()
    return _move_on(meeting, row["status"])


def _move_on(meeting: Meeting, status: str) -> Meeting:
    """Take a just-published seed meeting to the status its documents give, through the
    lifecycle's services: held, then the minutes' stage; or cancelled."""
    if status == Status.CANCELLED:
        return services.meeting_cancel(meeting=meeting, expected_revision=None)
    if status in (Status.HELD, Status.MINUTES_DRAFTED, Status.MINUTES_APPROVED):
        services.meeting_mark_held(meeting=meeting, expected_revision=None)
    if status in (Status.MINUTES_DRAFTED, Status.MINUTES_APPROVED):
        services.meeting_minutes_progress(
            meeting=meeting, approved=status == Status.MINUTES_APPROVED
        )
    if meeting.status != status:
        raise ValueError(f"{meeting} ends {meeting.status}, but the data says {status}.")
    return meeting


def _create_item(
    meeting: Meeting,
    row: dict,
    parent: AgendaItem | None,
    people: dict[str, User],
    agencies: dict[str, Agency],
) -> AgendaItem:
    lead = row.get("lead_agency")
    item = services.item_create(
        meeting=meeting,
        expected_revision=None,
        title=row["title"],
        parent=parent,
        presenters=[people[k] for k in row.get("presenters", [])],
        kind=row["kind"],
        description=row.get("description", ""),
        lead_agency=agencies[lead] if lead else None,
        planned_minutes=row.get("planned_minutes"),
        recommendation=row.get("recommendation", ""),
    )
    if row.get("restricted_to"):
        services.item_restrict(
            item=item,
            expected_revision=None,
            restricted=True,
            agencies=[agencies[s] for s in row["restricted_to"]],
            exempt_paragraph=row.get("exempt_paragraph"),
        )
    for question in row.get("questions", []):
        asked_by_agency = question.get("asked_by_agency")
        answered_by = question.get("answered_by")
        services.question_add(
            item=item,
            question=question["question"],
            asked_by=question["asked_by"],
            asked_by_agency=agencies[asked_by_agency] if asked_by_agency else None,
            answered_by=people[answered_by] if answered_by else None,
        )
    for child in row.get("children", []):
        _create_item(meeting, child, item, people, agencies)
    return item


def _publish(meeting: Meeting, by: User, published_on: str | None) -> AgendaVersion:
    """Publish version 1 of the agenda through agenda_publish, dated as the documents date it.

    The seed meetings are long past, so their notices are recorded as sent when the agenda was
    published: the notice task, once the worker runs it, then finds nobody left to email.
    """
    # The demo invites each meeting's people itself, as the seed records them.
    version = services.agenda_publish(meeting=meeting, by=by, invite_committee=False)
    if published_on:
        published_at = datetime.combine(date.fromisoformat(published_on), time(12), LONDON)
        AgendaVersion.objects.filter(pk=version.pk).update(published_at=published_at)
        version.published_at = published_at
    AgendaNotice.objects.bulk_create(
        [
            AgendaNotice(version=version, recipient=user, sent_at=version.published_at)
            for user in committee_invitees(meeting.committee)
        ],
        ignore_conflicts=True,
    )
    return version
