"""Loads the seed committees and meetings; running it again changes nothing."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction

from agencies.models import Agency, User
from demo.data.committees import COMMITTEES
from demo.data.meetings import MEETINGS, STANDING_AGENDAS
from meetings import services
from meetings.models import AgendaItem, AgendaVersion, Committee, Meeting

LONDON = ZoneInfo("Europe/London")


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
    _publish_quietly(meeting, chairs[0], row.get("published_on"))
    Meeting.objects.filter(pk=meeting.pk).update(status=row["status"])
    meeting.refresh_from_db()
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


def _publish_quietly(meeting: Meeting, by: User, published_on: str | None) -> AgendaVersion:
    """Version 1 of the agenda, as agenda_publish would make it but without queueing the
    notice emails: the seed meetings are long past and load_demo needs no broker."""
    version = AgendaVersion.objects.create(
        meeting=meeting, number=1, published_by=by, snapshot=services.snapshot(meeting), changes=[]
    )
    if published_on:
        published_at = datetime.combine(date.fromisoformat(published_on), time(12), LONDON)
        AgendaVersion.objects.filter(pk=version.pk).update(published_at=published_at)
        version.published_at = published_at
    return version
