"""Home is a work queue per role: what waits for each person, through the access rule, in a
number of queries that does not grow with the rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from attendance import services as attendance_services
from meetings import services as meeting_services
from meetings.models import Meeting
from minutes.models import Minutes
from tests.agenda_fixtures import MEETING_DAY, at

pytestmark = pytest.mark.django_db
HOME = reverse("home")
DURING = at(MEETING_DAY, "11:00")


def _action(world, reference: str, **fields) -> Action:
    return Action.objects.create(
        committee=world.committee,
        reference=reference,
        description=fields.pop("description", f"Do the thing {reference}"),
        owning_agency=fields.pop("owning_agency", world.mps),
        **fields,
    )


def _home(signed_in, user) -> str:
    response = signed_in(user).get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_my_actions_overdue_first_with_days_overdue(world, signed_in):
    today = timezone.localdate()
    _action(world, "MC-LATER", owner=world.member, due_date=today + timedelta(days=20))
    _action(world, "MC-LATE", owner=world.member, due_date=today - timedelta(days=3))
    _action(world, "MC-NODATE", owner=world.member)
    _action(world, "MC-DONE", owner=world.member, status=Action.Status.CLOSED)
    page = _home(signed_in, world.member)
    assert "Your actions (3, 1 overdue)" in page
    mine = page.split('id="my-actions-list"')[1].split("</ul>")[0]
    assert mine.index("MC-LATE") < mine.index("MC-LATER") < mine.index("MC-NODATE")
    assert "3 days overdue" in mine and "MC-DONE" not in page


def test_my_actions_count_those_i_own_for_an_agency_not_mine(world, signed_in):
    # The counts come in two passes (the person's agencies, then their own actions elsewhere):
    # each action is counted once, in its list.
    today = timezone.localdate()
    _action(world, "MC-MINE", owner=world.member, due_date=today + timedelta(days=5))
    _action(
        world,
        "SL-MINE",
        owner=world.member,
        owning_agency=world.safer_london,
        due_date=today - timedelta(days=2),
    )
    _action(world, "MC-LEADS", owner=world.lead, due_date=today - timedelta(days=1))
    _action(world, "MC-NOBODY")
    _action(world, "SL-THEIRS", owning_agency=world.safer_london, due_date=today)
    page = _home(signed_in, world.member)
    assert "Your actions (2, 1 overdue)" in page and "SL-MINE" in page
    assert "other actions (2, 1 overdue)" in page
    assert "SL-THEIRS" not in page
    # The lead counts the unassigned one to assign, and the member's among the agency's.
    page = _home(signed_in, world.lead)
    assert "Your actions (1, 1 overdue)" in page
    assert "other actions (2)" in page and "Actions to assign (1)" in page


def test_lead_sees_unassigned_actions_to_assign_and_never_a_restricted_one(
    world, signed_in, meeting, secret_item
):
    _action(world, "MC-OPEN", description="Share the custody figures")
    _action(
        world,
        "MC-SECRET",
        description="Arrange ISVA support for the witness",
        meeting=meeting,
        agenda_item=secret_item,
    )
    page = _home(signed_in, world.lead)
    assert "Actions to assign (1)" in page and "MC-OPEN" in page
    assert "MC-SECRET" not in page and "ISVA" not in page
    assert "other actions (1)" in page  # the agency's list and its count leave it out too
    # A member of the agency has nothing to assign.
    assert "Actions to assign" not in _home(signed_in, world.member)


def test_lead_granted_the_item_sees_the_restricted_action_to_assign(
    world, signed_in, meeting, secret_item
):
    _action(world, "MC-OPEN")
    _action(world, "MC-SECRET", meeting=meeting, agenda_item=secret_item)
    meeting_services.item_restrict(
        item=secret_item, expected_revision=None, restricted=True, agencies=[world.mopac, world.mps]
    )
    page = _home(signed_in, world.lead)
    assert "Actions to assign (2)" in page and "MC-SECRET" in page


def test_attendance_to_record_counts_only_the_rows_the_person_may_record_and_see(
    world, signed_in, invited
):
    with time_machine.travel(DURING, tick=False):
        lead_page = _home(signed_in, world.lead)
        clerk_page = _home(signed_in, world.clerk)
        member_page = _home(signed_in, world.member)
    # The lead records the MPS lead and member; the MPS guest of the restricted item is not
    # theirs to see, so neither the row nor the count shows it.
    assert "2 people still marked expected" in lead_page
    assert "6 people still marked expected" in clerk_page
    assert "Attendance to record" not in member_page


def test_attendance_to_record_includes_the_restricted_guest_once_granted(
    world, signed_in, invited, secret_item
):
    meeting_services.item_restrict(
        item=secret_item, expected_revision=None, restricted=True, agencies=[world.mopac, world.mps]
    )
    with time_machine.travel(DURING, tick=False):
        page = _home(signed_in, world.lead)
    assert "3 people still marked expected" in page
    attendance_services.attendance_record(
        invitation=invited.member, by=world.lead, status="present"
    )
    with time_machine.travel(DURING, tick=False):
        page = _home(signed_in, world.lead)
    assert "2 people still marked expected" in page
    # Approved minutes close the meeting's record: it no longer waits for attendance.
    Meeting.objects.filter(pk=invited.lead.meeting_id).update(
        status=Meeting.Status.MINUTES_APPROVED
    )
    with time_machine.travel(DURING, tick=False):
        assert "Attendance to record" not in _home(signed_in, world.lead)


def test_minutes_to_comment_on_and_to_approve(world, signed_in, meeting):
    Minutes.objects.create(
        meeting=meeting, stage=Minutes.Stage.CIRCULATED, circulated_at=timezone.now()
    )
    assert "Minutes to comment on (1)" in _home(signed_in, world.partner_member)
    clerk_page = _home(signed_in, world.clerk)
    assert "Minutes to approve (1)" in clerk_page and "Minutes to comment on" not in clerk_page
    outsider_page = _home(signed_in, world.outsider)
    assert "Minutes to" not in outsider_page and meeting.title not in outsider_page


def test_upcoming_meetings_of_my_committees_only(world, signed_in, meeting):
    assert "Upcoming meetings (1)" in _home(signed_in, world.member)
    assert meeting.title in _home(signed_in, world.member)
    assert "Upcoming meetings (0)" in _home(signed_in, world.outsider)


def _grow(world, meeting, secret_item, n: int) -> None:
    today = timezone.localdate()
    for i in range(n):
        base = f"{n}-{i}"
        _action(world, f"G-{base}", owner=world.lead, due_date=today - timedelta(days=i))
        _action(world, f"U-{base}")
        _action(world, f"S-{base}", meeting=meeting, agenda_item=secret_item)
        _action(world, f"M-{base}", owner=world.member)


@pytest.mark.parametrize("persona", ["lead", "clerk", "manager"])
def test_home_query_count_does_not_grow_with_rows(world, signed_in, meeting, secret_item, persona):
    user = getattr(world, persona)
    client = signed_in(user)
    _grow(world, meeting, secret_item, 2)
    client.get(HOME)  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        assert client.get(HOME).status_code == 200
    _grow(world, meeting, secret_item, 25)
    Minutes.objects.create(
        meeting=meeting, stage=Minutes.Stage.CIRCULATED, circulated_at=timezone.now()
    )
    with CaptureQueriesContext(connection) as many:
        assert client.get(HOME).status_code == 200
    assert len(many) <= len(few), [q["sql"] for q in many.captured_queries]


def test_unread_messages_count_and_latest_are_the_persons_own(
    world, signed_in, django_capture_on_commit_callbacks
):
    from inbox.services import messages_notify

    with django_capture_on_commit_callbacks(execute=False):
        messages_notify(
            event="test:1",
            kind="action_assigned",
            recipients=[world.member],
            subject="Action MC-1 is yours",
            body="Record progress.",
            link="/actions/",
            email=False,
        )
    page = _home(signed_in, world.member)
    assert "Messages (1 unread)" in page and "Action MC-1 is yours" in page
    other = _home(signed_in, world.lead)
    assert "Messages (0 unread)" in other and "MC-1 is yours" not in other


def test_my_committees_list_those_i_run_first_then_ten_and_a_link_to_all(world, signed_in):
    from tests.factories import CommitteeFactory

    # CPS sits on twelve committees; the outsider clerks the last of them by name.
    sits_on = [
        CommitteeFactory(name=f"Board {n:02}", short_name=f"board-{n:02}", host=world.mopac)
        for n in range(12)
    ]
    for committee in sits_on:
        committee.member_agencies.add(world.cps)
    sits_on[-1].secretariat.add(world.outsider)
    page = _home(signed_in, world.outsider)
    assert "Your committees (12)" in page
    listed = page.split('id="your-committees"')[1].split("</ul>")[0]
    assert listed.count("<li>") == 10
    assert listed.index("Board 11") < listed.index("Board 00")
    first = listed.split("</li>")[0]
    assert "Board 11" in first and "(hosted by MOPAC)" in first and "you chair or clerk it" in first
    assert "Board 09" not in listed  # the ten are the one they run, then nine by name
    assert "MOPAC Challenge" not in page  # CPS does not sit on it
    link = page.split('id="more-committees"')[1].split("</p>")[0]
    assert reverse("meetings:committees") in link and "All 12 of your committees" in link
    # A member of the committee's agencies sees it, once, and no link to more.
    member_page = _home(signed_in, world.member)
    assert "Your committees (1)" in member_page and "more-committees" not in member_page
