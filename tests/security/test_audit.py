"""Reads of restricted content are logged (who, what, where, when), and the log is shown to the
committee's officers and administrators, and to an agency's leads and managers for their own
people, never naming an item to someone who may not see it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import RestrictedRead
from audit.services import record_reads
from meetings.access import meeting_viewer
from meetings.models import AgendaItem
from meetings.selectors import agenda_for

from .checks import BACKEND
from .world import SECRETS

pytestmark = pytest.mark.django_db

Kind = RestrictedRead.Kind
TITLE = SECRETS["title"]


def _as(client, user):
    client.force_login(user, backend=BACKEND)
    return client


def _new_reads(before: int) -> list[tuple]:
    return list(
        RestrictedRead.objects.order_by("id")[before:].values_list(
            "reader_id", "kind", "object_id", "surface"
        )
    )


# --- the service ----------------------------------------------------------------------------


def test_record_reads_logs_restricted_content_once_per_object(sworld):
    w = sworld
    granted = w.users["granted"]
    before = RestrictedRead.objects.count()
    written = record_reads(
        granted,
        [
            w.item,
            w.item,
            w.public_item,
            w.paper,
            w.public_paper,
            w.minute,
            w.action,
            w.public_action,
            w.update,
            w.guest,
            w.declaration,
            None,
        ],
        "tests:surface",
    )
    rows = RestrictedRead.objects.order_by("id")[before:]
    assert written == 5 == len(rows)
    assert {(r.kind, r.object_id) for r in rows} == {
        (Kind.ITEM, w.item.pk),
        (Kind.PAPER, w.paper.pk),
        (Kind.MINUTE, w.minute.pk),
        (Kind.ACTION, w.action.pk),
        (Kind.EVIDENCE, w.update.pk),
    }
    for row in rows:
        assert row.reader == granted and row.reader_name == granted.full_name
        assert row.item_id == w.item.pk and row.meeting_id == w.meeting.pk
        assert row.committee_id == w.committee.pk and row.surface == "tests:surface"
        assert row.read_at is not None


def test_record_reads_of_an_agenda_logs_only_its_restricted_items(sworld):
    w = sworld
    before = RestrictedRead.objects.count()
    record_reads(w.users["chair"], [agenda_for(meeting_viewer(w.users["chair"], w.meeting))], "x")
    assert {r[2] for r in _new_reads(before)} == {w.item.pk, w.sub_item.pk}
    # Someone who sees only placeholders reads nothing restricted.
    assert (
        record_reads(
            w.users["member"], [agenda_for(meeting_viewer(w.users["member"], w.meeting))], "x"
        )
        == 0
    )


def test_record_reads_writes_in_a_fixed_number_of_queries(sworld):
    w = sworld
    chair = w.users["chair"]

    def items(n: int) -> list[AgendaItem]:
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=w.meeting, title=f"Extra {i}", restricted=True, position=100 + i)
            for i in range(n)
        )
        return list(AgendaItem.objects.filter(meeting=w.meeting, restricted=True))

    few, many = items(5), items(45)
    counts = []
    for batch in (few, many):
        with CaptureQueriesContext(connection) as ctx:
            record_reads(chair, batch, "x")
        counts.append(len(ctx))
    assert len(many) >= 50 and counts[0] == counts[1] <= 2
    with CaptureQueriesContext(connection) as ctx:
        assert record_reads(chair, [w.public_item, w.public_action], "x") == 0
    assert len(ctx) <= 1


# --- the pages that log ---------------------------------------------------------------------


def surfaces(w) -> list[tuple[str, str, int, str]]:
    """(url, kind, object id, surface) read by a person granted the item."""
    return [
        (
            reverse("meetings:meeting", args=[w.meeting.pk]),
            Kind.ITEM,
            w.item.pk,
            "meetings:meeting",
        ),
        (reverse("meetings:paper", args=[w.paper.pk]), Kind.PAPER, w.paper.pk, "meetings:paper"),
        (
            reverse("meetings:agenda_pdf", args=[w.meeting.pk]),
            Kind.ITEM,
            w.item.pk,
            "meetings:agenda_pdf",
        ),
        (
            reverse("minutes:document", args=[w.meeting.pk]),
            Kind.MINUTE,
            w.minute.pk,
            "minutes:document",
        ),
        (reverse("minutes:pdf", args=[w.meeting.pk]), Kind.MINUTE, w.minute.pk, "minutes:pdf"),
        (reverse("actions:detail", args=[w.action.pk]), Kind.ACTION, w.action.pk, "actions:detail"),
        (
            reverse("actions:evidence", args=[w.update.pk]),
            Kind.EVIDENCE,
            w.update.pk,
            "actions:evidence",
        ),
        (
            reverse("actions:summary_pdf", args=[w.next_meeting.pk]),
            Kind.ACTION,
            w.action.pk,
            "actions:summary_pdf",
        ),
    ]


def test_each_read_of_restricted_content_is_logged(sworld, client):
    w = sworld
    granted = w.users["granted"]
    browser = _as(client, granted)
    for url, kind, object_id, surface in surfaces(w):
        before = RestrictedRead.objects.count()
        response = browser.get(url)
        assert response.status_code == 200, url
        assert (granted.pk, kind, object_id, surface) in _new_reads(before), url


def test_people_without_access_leave_nothing_in_the_log(sworld, client):
    w = sworld
    browser = _as(client, w.users["member"])
    before = RestrictedRead.objects.count()
    for url, *_ in surfaces(w):
        browser.get(url)
    assert RestrictedRead.objects.count() == before


# --- the log page ---------------------------------------------------------------------------


def test_officers_and_administrators_see_every_read_of_their_committee_with_titles(sworld, client):
    w = sworld
    for who in ("chair", "clerk", "superuser"):
        page = _as(client, w.users[who]).get(reverse("audit:log")).content.decode()
        assert "Granted Officer" in page and "Granted Person" in page, who
        assert TITLE in page and "meetings:meeting" in page, who


def test_an_agencys_leads_and_managers_see_their_own_peoples_reads_but_not_the_title(
    sworld, client
):
    w = sworld
    for who in ("lead", "manager"):
        page = _as(client, w.users[who]).get(reverse("audit:log")).content.decode()
        assert "Granted Officer" in page, who  # an MPS officer granted the item by name
        assert "Granted Person" not in page, who  # SL's reads are SL's business
        assert TITLE not in page and "Restricted item 3" in page, who
    page = _as(client, w.sl_lead).get(reverse("audit:log")).content.decode()
    assert "Granted Person" in page and TITLE in page and "Granted Officer" not in page


def test_the_log_is_closed_to_everybody_else(sworld, client):
    w = sworld
    for who in ("member", "granted", "staff", "outsider"):
        assert _as(client, w.users[who]).get(reverse("audit:log")).status_code == 403, who
    client.logout()
    assert client.get(reverse("audit:log")).status_code == 302
    # Another committee's chair has a log, with nothing of this committee in it.
    page = _as(client, w.other_chair).get(reverse("audit:log")).content.decode()
    assert "0 reads" in page and "Granted" not in page and TITLE not in page


def test_the_log_of_one_item_goes_through_the_access_rule(sworld, client):
    w = sworld
    url = reverse("audit:log") + f"?item={w.item.pk}"
    assert _as(client, w.users["lead"]).get(url).status_code == 404
    # Not an id is a bad request with a message (issue 20), not a missing page.
    assert _as(client, w.users["chair"]).get(url + "x").status_code == 400
    page = _as(client, w.users["chair"]).get(url).content.decode()
    assert "4 reads" in page and TITLE in page  # the MPS officer and the SL member, twice each


def test_the_log_filters_by_committee_and_agency_among_ones_own(sworld, client):
    w = sworld
    chair = _as(client, w.users["chair"])
    page = chair.get(reverse("audit:log") + "?agency=MPS").content.decode()
    assert "Granted Officer" in page and "Granted Person" not in page
    assert chair.get(reverse("audit:log") + "?committee=justice-board").status_code == 400
    lead = _as(client, w.users["lead"])
    response = lead.get(reverse("audit:log") + "?agency=CPS")
    assert response.status_code == 400
    assert "Choose one of the agencies in the list" in response.content.decode()


def test_the_log_page_queries_do_not_grow_with_reads(sworld, client):
    w = sworld

    def grow(n: int) -> None:
        RestrictedRead.objects.bulk_create(
            RestrictedRead(
                reader=w.mps_granted,
                reader_name="Granted Officer",
                kind=Kind.ITEM,
                object_id=w.item.pk,
                item=w.item,
                meeting=w.meeting,
                committee=w.committee,
                surface="meetings:meeting",
            )
            for _ in range(n)
        )

    counts = []
    for who in ("chair", "lead"):
        browser = _as(client, w.users[who])
        grow(5)
        with CaptureQueriesContext(connection) as few:
            assert browser.get(reverse("audit:log")).status_code == 200
        grow(45)
        with CaptureQueriesContext(connection) as many:
            assert browser.get(reverse("audit:log")).status_code == 200
        counts.append((len(few), len(many)))
    assert all(a == b for a, b in counts), counts


def test_the_log_is_linked_from_the_items_access_page_and_the_agency_dashboard(sworld, client):
    w = sworld
    chair = _as(client, w.users["chair"])
    page = chair.get(reverse("meetings:item_access", args=[w.item.pk])).content.decode()
    link = f"{reverse('audit:log')}?item={w.item.pk}"
    assert link in page and chair.get(link).status_code == 200
    lead = _as(client, w.users["lead"])
    page = lead.get(reverse("actions:dashboard")).content.decode()
    link = f"{reverse('audit:log')}?agency=MPS"
    assert link in page
    assert "Granted Officer" in lead.get(link).content.decode()
