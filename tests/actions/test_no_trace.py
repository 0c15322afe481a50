"""Restricted actions leave no trace for those who may not see them: every actions page, export,
count and chart is the same with or without them, and references have no gaps that would show
where one was recorded."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.models import Action, Delivery, Notification
from meetings import services as meeting_services
from meetings.models import Meeting
from tests.agenda_fixtures import after_meeting, at
from tests.factories import granted_while, person_in
from tests.meetings.test_exports import flat, pdf_text

pytestmark = pytest.mark.django_db
SECRET = "Arrange ISVA support for the survivor who gave testimony"


@pytest.fixture
def later(world, meeting):
    """The committee's next meeting, whose Summary of actions carries those of `meeting`."""
    m = meeting_services.meeting_create(
        committee=world.committee,
        title="December meeting",
        starts_at=at(after_meeting(12), "10:00"),
        ends_at=at(after_meeting(12), "12:00"),
        use_template=False,
    )
    Meeting.objects.filter(pk=m.pk).update(status=Meeting.Status.PUBLISHED)
    return m


@pytest.fixture
def recorded(world, meeting, secret_item):
    """A public action, then restricted ones (one owned by an agency that owns nothing else),
    then another public action."""
    item = meeting.items.get(title="Minutes of the last meeting")
    overdue = timezone.localdate() - datetime.timedelta(days=12)

    def make(description, **fields):
        action, _ = services.action_create(
            by=world.clerk, committee=world.committee, description=description, **fields
        )
        return action

    first = make("Publish the CSE problem profile", agenda_item=item, owning_agency=world.mps)
    # Recorded while MPS and the CPS were granted the item; their grants were revoked since.
    with granted_while(secret_item, world.mps, world.cps):
        secrets = [
            make(SECRET, agenda_item=secret_item, owning_agency=world.mps, due_date=overdue),
            make(f"{SECRET} (court)", agenda_item=secret_item, owning_agency=world.cps),
        ]
    for level in (0, 1, 2):
        notification = Notification.objects.create(
            action=secrets[0], kind="escalation", level=level, day=timezone.localdate()
        )
        Delivery.objects.create(
            notification=notification,
            recipient=world.manager,
            state=Delivery.State.SENT,
            sent_at=timezone.now(),
        )
    second = make(
        "Report the number of referrals by borough",
        agenda_item=item,
        owning_agency=world.mps,
        owner=world.member,
        due_date=overdue,
    )
    return first, second, secrets


def _pages(world, meeting, later, first, second) -> list[str]:
    return [
        "/actions/?scope=all",
        "/actions/?scope=agency",
        "/actions/?scope=mine",
        f"/actions/?scope=all&meeting={meeting.pk}&overdue=on",
        f"/actions/?committee={world.committee.short_name}",
        "/actions/actions.csv?scope=all",
        reverse("actions:summary", args=[later.pk]),
        reverse("actions:summary_pdf", args=[later.pk]),
        reverse("actions:dashboard"),
        first.get_absolute_url(),
        second.get_absolute_url(),
        meeting.get_absolute_url(),
    ]


def _render(client, url: str) -> str:
    response = client.get(url)
    if response.get("Content-Type") == "application/pdf":
        # Only the moment it was printed may differ between two printings.
        text = flat(pdf_text(response.content))
        return f"{response.status_code} " + re.sub(r" on \d+ \w+ \d{4} at \d\d:\d\d", "", text)
    body = response.content.decode()
    # The CSRF and one-time submit tokens are fresh on every rendering.
    # So is the session warning's server clock (data-server-now).
    body = re.sub(r'data-server-now="\d+"', "", body)
    return f"{response.status_code} " + re.sub(
        r'name="(csrfmiddlewaretoken|submit_token)" value="[^"]*"', "", body
    )


def test_pages_are_the_same_with_or_without_restricted_actions(
    world, meeting, later, recorded, signed_in
):
    first, second, secrets = recorded
    readers = [world.member, world.lead, world.manager, world.partner_member, world.outsider]
    urls = _pages(world, meeting, later, first, second)
    before = {}
    for person in readers:
        client = signed_in(person)
        for url in urls:
            before[(person.email, url)] = _render(client, url)
            assert SECRET not in before[(person.email, url)]
    # The pages were really rendered, for the register and the dashboard at least.
    assert before[(world.manager.email, reverse("actions:dashboard"))].startswith("200")
    assert "Report the number" in before[(world.member.email, "/actions/?scope=all")]

    Action.objects.filter(pk__in=[a.pk for a in secrets]).delete()
    changed = [
        f"{email} {url}"
        for (email, url), page in before.items()
        if _render(signed_in(next(p for p in readers if p.email == email)), url) != page
    ]
    assert changed == []


def test_the_chair_sees_the_difference(world, meeting, later, recorded, signed_in):
    """The same pages do show the restricted actions to whoever may see them."""
    client = signed_in(world.chair)
    assert SECRET in _render(client, "/actions/?scope=all")
    assert SECRET in _render(client, reverse("actions:summary", args=[later.pk]))
    assert "ISVA support" in _render(client, reverse("actions:summary_pdf", args=[later.pk]))
    granted = person_in(world.mps, "manager")
    meeting_services.item_restrict(
        item=recorded[2][0].agenda_item,
        expected_revision=None,
        restricted=True,
        agencies=[world.mopac],
        users=[granted],
    )
    assert SECRET in _render(signed_in(granted), reverse("actions:dashboard"))


def test_references_leave_no_gap_where_a_restricted_action_was_recorded(world, recorded):
    first, second, secrets = recorded
    assert (first.reference, second.reference) == ("MOPAC-CHALLENGE-0001", "MOPAC-CHALLENGE-0002")
    for action in secrets:
        assert re.fullmatch(r"MOPAC-CHALLENGE-R[0-9A-F]{6}", action.reference)
