"""The register pages and CSV: who sees what, unassigned first, filters, query budget."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.models import Action
from tests.factories import granted_while

pytestmark = pytest.mark.django_db

SECRET_ACTION = "Arrange ISVA support for the survivor who gave testimony"


@pytest.fixture
def actions(world, meeting, secret_item):
    item = meeting.items.get(title="Minutes of the last meeting")
    made = {}
    made["open"], _ = services.action_create(
        by=world.clerk,
        committee=world.committee,
        agenda_item=item,
        description="Write to the Committee with CSE referrals by borough",
        owning_agency=world.mps,
        owner=world.member,
        due_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    made["unassigned"], _ = services.action_create(
        by=world.clerk,
        committee=world.committee,
        agenda_item=item,
        description="Share the missing-children protocol",
        owning_agency=world.mps,
        due_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    # Recorded while MPS was granted the item; its grant was revoked since.
    with granted_while(secret_item, world.mps):
        made["secret"], _ = services.action_create(
            by=world.chair,
            committee=world.committee,
            agenda_item=secret_item,
            description=SECRET_ACTION,
            owning_agency=world.mps,
        )
    return made


def _body(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_lead_sees_agency_actions_unassigned_first(world, actions, signed_in):
    body = _body(signed_in(world.lead), reverse("actions:register") + "?scope=agency")
    assert body.index("Share the missing-children protocol") < body.index("CSE referrals")


def test_restricted_action_is_hidden_from_those_without_access(world, actions, signed_in):
    client = signed_in(world.lead)
    for scope in ("agency", "all"):
        assert SECRET_ACTION not in _body(client, reverse("actions:register") + f"?scope={scope}")
    csv = _body(client, reverse("actions:csv") + "?scope=all")
    assert SECRET_ACTION not in csv and "CSE referrals" in csv
    assert client.get(reverse("actions:detail", args=[actions["secret"].pk])).status_code == 404


def test_officers_see_the_restricted_action(world, actions, signed_in):
    client = signed_in(world.chair)
    assert SECRET_ACTION in _body(client, reverse("actions:register") + "?scope=all")
    assert SECRET_ACTION in _body(client, reverse("actions:csv") + "?scope=all")
    assert SECRET_ACTION in _body(client, reverse("actions:detail", args=[actions["secret"].pk]))


def test_outsiders_see_no_actions(world, actions, signed_in):
    client = signed_in(world.outsider)
    assert "No actions." in _body(client, reverse("actions:register") + "?scope=all")
    assert _body(client, reverse("actions:csv") + "?scope=all").count("\n") == 1
    assert client.get(reverse("actions:detail", args=[actions["open"].pk])).status_code == 404


def test_my_actions_and_overdue_filter(world, actions, signed_in):
    client = signed_in(world.member)
    mine = _body(client, reverse("actions:register") + "?scope=mine")
    assert "CSE referrals" in mine and "missing-children" not in mine
    overdue = _body(client, reverse("actions:register") + "?scope=all&overdue=on")
    assert "missing-children" in overdue and "CSE referrals" not in overdue


def test_bad_filter_input_is_a_400_with_a_message(world, actions, signed_in):
    response = signed_in(world.member).get(
        reverse("actions:register") + "?scope=all&due_after=not-a-date&status=bogus"
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert signed_in(world.member).get(reverse("actions:csv") + "?due_after=x").status_code == 400


def test_committee_register_of_a_committee_you_are_not_on_is_refused(world, actions, signed_in):
    url = reverse("actions:register") + f"?committee={world.committee.short_name}"
    # Not one of theirs: refused by the filter, with a message, as any unknown committee is.
    assert signed_in(world.outsider).get(url).status_code == 400
    assert signed_in(world.member).get(url).status_code == 200


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_register_query_count_is_fixed_for_10_or_500_actions(world, actions, signed_in):
    client = signed_in(world.lead)
    url = reverse("actions:register") + "?scope=all"
    base = actions["open"]

    def grow(n):
        Action.objects.bulk_create(
            Action(
                committee=world.committee,
                meeting=base.meeting,
                agenda_item=base.agenda_item,
                reference=f"BULK-{n}-{i}",
                description=f"Bulk action {i}",
                owning_agency=world.mps,
                owner=world.member if i % 2 else None,
            )
            for i in range(n)
        )

    grow(7)
    few = _count(client, url)
    grow(490)
    assert Action.objects.count() >= 500
    assert _count(client, url) == few


def test_meeting_filter_lists_the_chosen_committees_meetings_and_accepts_any_visible(
    world, actions, signed_in
):
    from meetings.models import Meeting
    from tests.agenda_fixtures import after_meeting, at

    old = Meeting.objects.create(
        committee=world.committee,
        title="MOPAC Challenge: 2014",
        starts_at=at("2014-12-04", "10:00"),
        ends_at=at("2014-12-04", "12:00"),
        status=Meeting.Status.HELD,
    )
    client = signed_in(world.chair)
    page = client.get("/actions/?scope=all").content.decode()
    assert "MOPAC Challenge: 2014" not in page
    assert "Choose a committee to list its meetings." in page
    assert f'<option value="{world.committee.short_name}">MOPAC Challenge</option>' in page
    listed = client.get(f"/actions/?scope=all&committee={world.committee.short_name}")
    assert listed.status_code == 200
    assert ">MOPAC Challenge: MOPAC Challenge: 2014</option>" in listed.content.decode()
    chosen = client.get(f"/actions/?scope=all&meeting={old.pk}")
    assert chosen.status_code == 200
    assert f'<option value="{old.pk}" selected>MOPAC Challenge' in chosen.content.decode()
    hidden = Meeting.objects.create(
        committee=world.committee,
        title="Draft",
        starts_at=at(after_meeting(6), "10:00"),
        ends_at=at(after_meeting(6), "12:00"),
    )
    assert signed_in(world.member).get(f"/actions/?meeting={hidden.pk}").status_code == 400
    listed = signed_in(world.member).get(f"/actions/?committee={world.committee.short_name}")
    assert "Draft" not in listed.content.decode()
    assert (
        signed_in(world.outsider)
        .get(f"/actions/?committee={world.committee.short_name}")
        .status_code
        == 400  # not one of theirs: refused by the filter like any unknown committee
    )
