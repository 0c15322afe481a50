"""The manager's dashboard: counts by status, overdue by age, escalations sent, oldest overdue;
only for managers and leads, and only over the actions the viewer may see."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.dashboard import agency_dashboard
from actions.models import Action, Delivery, Notification
from agencies.models import Membership
from meetings import services as meeting_services
from tests.factories import granted_while, person_in

pytestmark = pytest.mark.django_db
S = Action.Status
URL = reverse("actions:dashboard")
SECRET = "Arrange ISVA support for the survivor who gave testimony"


def _days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def board(world, meeting, secret_item):
    item = meeting.items.get(title="Minutes of the last meeting")

    def make(description, *, status=S.OPEN, **fields):
        fields.setdefault("owning_agency", world.mps)
        fields.setdefault("agenda_item", item)
        action, _ = services.action_create(
            by=world.clerk,
            committee=world.committee,
            description=description,
            status=status,
            **fields,
        )
        return action

    made = {
        "late3": make("Three days late", due_date=_days_ago(3), owner=world.member),
        "late10": make("Ten days late", due_date=_days_ago(10), status=S.IN_PROGRESS),
        "late40": make("Forty days late", due_date=_days_ago(40), owner=world.member),
        "late120": make("Four months late", due_date=_days_ago(120), status=S.ONGOING),
        "due_later": make("Not yet due", due_date=_days_ago(-5)),
        "completed_late": make("Done, though late", due_date=_days_ago(50), status=S.COMPLETED),
        "closed": make("Closed", status=S.CLOSED),
        "other_agency": make("Safer London's", owning_agency=world.safer_london),
    }
    # Restricted to MOPAC: the MPS manager may not see it, though MPS owns it (MPS's grant was
    # revoked after it was recorded).
    with granted_while(secret_item, world.mps):
        made["secret"] = make(SECRET, agenda_item=secret_item, due_date=_days_ago(200))
    return made


def _sent(action, level, days_ago=1, state=Delivery.State.SENT, recipient=None, world=None):
    notification, _ = Notification.objects.get_or_create(
        action=action,
        kind=Notification.Kind.ESCALATION if level else Notification.Kind.OVERDUE,
        level=level,
        day=_days_ago(days_ago),
    )
    return Delivery.objects.create(
        notification=notification,
        recipient=recipient or world.manager,
        state=state,
        sent_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def _number(body: str, element_id: str) -> int:
    return int(re.search(rf'id="{element_id}">(\d+)<', body).group(1))


def _table(body: str, table_id: str) -> list[tuple[str, int]]:
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', body, re.S).group(0)
    rows = re.findall(r"<th scope=\"row\"[^>]*>(.*?)</th><td[^>]*>(\d+)</td>", table)
    return [(label, int(n)) for label, n in rows]


def test_the_manager_sees_counts_bands_and_the_oldest_overdue(world, board, signed_in):
    response = signed_in(world.manager).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert _number(body, "count-total") == 7
    assert _number(body, "count-overdue") == 4
    assert _number(body, "count-unassigned") == 3  # late10, late120, due_later
    assert _table(body, "by-status") == [
        ("Open", 3),
        ("In progress", 1),
        ("Ongoing", 1),
        ("Completed", 1),
        ("Closed", 1),
        ("Dropped", 0),
        ("Not possible (change in circumstances)", 0),
    ]
    assert _table(body, "overdue-bands") == [
        ("1 to 7 days", 1),
        ("8 to 28 days", 1),
        ("29 to 90 days", 1),
        ("More than 90 days", 1),
    ]
    oldest = re.search(r'id="oldest-overdue".*?</table>', body, re.S).group(0)
    order = [oldest.index(t) for t in ("Four months", "Forty days", "Ten days", "Three days")]
    assert order == sorted(order)
    assert "Done, though late" not in oldest and "Safer London's" not in oldest
    assert "<svg" in body and 'aria-hidden="true"' in body  # the chart, with tables for all


def test_a_restricted_action_the_manager_cannot_see_is_not_counted(world, board):
    seen = agency_dashboard(world.manager, world.mps)
    assert seen.total == 7 and seen.overdue == 4
    assert [b.value for b in seen.overdue_bands] == [1, 1, 1, 1]
    assert SECRET not in [a.description for a in seen.oldest_overdue]
    _sent(board["secret"], 1, world=world)
    assert agency_dashboard(world.manager, world.mps).escalations == 0

    # Granted the item, the same manager now counts it everywhere.
    meeting_services.item_restrict(
        item=board["secret"].agenda_item,
        expected_revision=None,
        restricted=True,
        agencies=[world.mopac],
        users=[world.manager],
    )
    granted = agency_dashboard(world.manager, world.mps)
    assert granted.total == 8 and granted.overdue == 5
    assert [b.value for b in granted.overdue_bands] == [1, 1, 1, 2]
    assert granted.oldest_overdue[0].description == SECRET
    assert granted.oldest_overdue[0].days_overdue == 200
    assert granted.escalations == 1


def test_the_restricted_action_is_not_in_the_page(world, board, signed_in):
    body = signed_in(world.manager).get(URL).content.decode()
    assert SECRET not in body and "ISVA" not in body


def test_escalations_sent_in_the_last_30_days(world, board):
    late = board["late40"]
    _sent(late, 1, days_ago=2, world=world)  # counted
    _sent(late, 2, days_ago=2, world=world, recipient=world.chair)  # counted
    _sent(late, 2, days_ago=2, world=world, recipient=world.clerk)  # counted
    _sent(late, 0, days_ago=2, world=world, recipient=world.member)  # a reminder, not counted
    _sent(late, 1, days_ago=45, world=world)  # too old
    _sent(board["late120"], 1, days_ago=3, state=Delivery.State.PENDING, world=world)
    _sent(board["late10"], 1, days_ago=3, state=Delivery.State.FAILED, world=world)
    _sent(board["other_agency"], 1, days_ago=3, world=world)  # another agency's
    dashboard = agency_dashboard(world.manager, world.mps)
    assert dashboard.escalations == 3
    assert [(b.label, b.value) for b in dashboard.escalations_by_level] == [
        ("The owning agency's managers", 1),
        ("The committee's chairs and secretariat", 2),
    ]


def test_leads_see_it_members_and_outsiders_do_not(world, board, signed_in):
    assert signed_in(world.lead).get(URL).status_code == 200
    for person in (world.member, world.partner_member, world.outsider, world.chair, world.clerk):
        assert signed_in(person).get(URL).status_code == 403


def test_a_manager_of_two_agencies_chooses(world, board, signed_in):
    Membership.objects.create(
        user=world.manager, agency=world.safer_london, role=Membership.Role.MANAGER
    )
    client = signed_in(world.manager)
    body = client.get(URL).content.decode()
    assert "?agency=SL" in body
    sl = client.get(URL + "?agency=SL").content.decode()
    assert '<h1 class="govuk-heading-xl">Safer London</h1>' in sl
    assert _number(sl, "count-total") == 1


def test_an_agency_you_do_not_manage_is_a_400_with_a_message(world, board, signed_in):
    """As the other filters: a clear message (here over one's own agency's board), not a 404."""
    client = signed_in(world.manager)
    for asked in ("SL", "NOPE"):
        response = client.get(URL, {"agency": asked})
        assert response.status_code == 400
        body = response.content.decode()
        assert f"You do not manage an agency called \u201c{asked}\u201d" in body
        assert '<h1 class="govuk-heading-xl">Metropolitan Police Service</h1>' in body
        assert "Safer London" not in body


def test_the_register_links_to_it_for_managers_only(world, board, signed_in):
    assert URL in signed_in(world.manager).get(reverse("actions:register")).content.decode()
    assert URL not in signed_in(world.member).get(reverse("actions:register")).content.decode()


def _count(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_is_fixed_for_10_or_500_actions(world, board, signed_in):
    client = signed_in(world.manager)
    base = board["late3"]
    other = person_in(world.mps)

    def grow(n, tag):
        made = Action.objects.bulk_create(
            Action(
                committee=world.committee,
                meeting=base.meeting,
                agenda_item=base.agenda_item,
                reference=f"BULK-{tag}-{i}",
                description=f"Bulk action {i}",
                owning_agency=world.mps,
                owner=other if i % 2 else None,
                status=[S.OPEN, S.IN_PROGRESS, S.ONGOING, S.COMPLETED][i % 4],
                due_date=_days_ago(i % 150),
            )
            for i in range(n)
        )
        for i, action in enumerate(made[::7]):
            # The first within the 30-day window whatever the ids: with no escalation in the
            # window the dashboard rightly skips checking them, one query fewer.
            _sent(action, 1 + action.pk % 2, days_ago=1 if i == 0 else action.pk % 40, world=world)

    grow(3, "few")
    few = _count(client)
    grow(490, "many")
    assert Action.objects.count() > 500
    assert _count(client) == few
