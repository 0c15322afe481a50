"""The disclosure log (issue 16, section 3): every page, PDF, CSV, file, API answer and email of
restricted content is logged (who, what and which version, when, to whom, by which route); the
committee's chairs and the records officers read and export it for a period; nobody edits or
deletes it through the product; it is purged after DISCLOSURE_KEEP_DAYS."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from actions import outbox
from actions.models import Delivery
from audit.disclosures import purge_disclosures
from audit.models import Disclosure
from audit.tasks import purge_old_disclosures
from meetings.models import AgendaNotice, AgendaVersion

from .checks import BACKEND
from .world import SECRETS

pytestmark = pytest.mark.django_db

Route = Disclosure.Route
LOG = reverse("audit:disclosures")
CSV = reverse("audit:disclosures_csv")


def _as(client, user):
    client.force_login(user, backend=BACKEND)
    return client


def _new(before: int) -> list[Disclosure]:
    return list(Disclosure.objects.order_by("id")[before:])


# --- recording ------------------------------------------------------------------------------


def test_each_route_of_a_restricted_read_is_logged_once_per_object(sworld, client):
    w = sworld
    granted = w.users["granted"]
    browser = _as(client, granted)
    cases = [
        (reverse("meetings:meeting", args=[w.meeting.pk]), Route.PAGE, "item", w.item.pk),
        (reverse("meetings:agenda_pdf", args=[w.meeting.pk]), Route.PDF, "item", w.item.pk),
        (reverse("minutes:pdf", args=[w.meeting.pk]), Route.PDF, "minute", w.minute.pk),
        (reverse("actions:csv") + "?scope=all", Route.CSV, "action", w.action.pk),
        # The evidence is a PDF letter: a file read as a PDF.
        (reverse("actions:evidence", args=[w.update.pk]), Route.PDF, "evidence", w.update.pk),
        (f"/api/v1/actions/{w.action.pk}/", Route.API, "action", w.action.pk),
    ]
    for url, route, kind, object_id in cases:
        before = Disclosure.objects.count()
        assert browser.get(url).status_code == 200, url
        rows = _new(before)
        assert rows, url
        assert len({(r.kind, r.object_id) for r in rows}) == len(rows), url
        row = next(r for r in rows if (r.kind, r.object_id) == (kind, object_id))
        assert row.route == route and row.by == granted and row.to == granted, url
        assert row.to_email == granted.email and row.committee == w.committee, url
        assert row.item == w.item and row.meeting == w.meeting and row.version, url
        assert SECRETS["title"] not in row.label and w.meeting.title in row.label, url
    minute = Disclosure.objects.filter(kind="minute").latest("id")
    assert minute.version == f"minute revision {w.minute.revision}"
    item = Disclosure.objects.filter(kind="item", route=Route.PAGE).latest("id")
    assert item.version == f"agenda revision {w.meeting.agenda_revision}"


def test_nothing_is_logged_for_those_who_see_nothing_restricted(sworld, client):
    w = sworld
    browser = _as(client, w.users["member"])
    before = Disclosure.objects.count()
    for url in (
        reverse("meetings:meeting", args=[w.meeting.pk]),
        reverse("meetings:agenda_pdf", args=[w.meeting.pk]),
        reverse("actions:csv") + "?scope=all",
        reverse("actions:evidence", args=[w.update.pk]),
    ):
        browser.get(url)
    assert Disclosure.objects.count() == before


def test_an_email_carrying_restricted_content_is_logged_to_its_recipient(sworld):
    w = sworld
    before = Disclosure.objects.count()
    w.delivery.state = Delivery.State.PENDING
    w.delivery.queued_at = timezone.now()
    w.delivery.next_attempt_at = timezone.now()
    w.delivery.save()
    if w.delivery.digest:
        assert outbox.deliver_digest(w.delivery.recipient_id).startswith("sent")
    else:
        assert outbox.deliver(w.delivery.pk) == "sent"
    (row,) = _new(before)
    assert row.route == Route.EMAIL and row.surface.startswith("chasing:")
    assert row.to == w.delivery.recipient and row.to_email == w.delivery.recipient.email
    assert row.by is None and row.by_name.startswith("Partnership meetings")
    assert (row.kind, row.object_id) == ("action", w.action.pk)
    assert mail.outbox[-1].subject.startswith("OFFICIAL-SENSITIVE: ")


def test_agenda_notices_log_what_they_name(sworld):
    from meetings.notices import send_notice

    w = sworld
    version = AgendaVersion.objects.filter(meeting=w.meeting).order_by("number").first()
    for who in ("granted", "member"):
        AgendaNotice.objects.filter(version=version, recipient=w.users[who]).delete()
    before = Disclosure.objects.count()
    assert send_notice(version, w.users["granted"])
    rows = _new(before)
    assert rows and {r.route for r in rows} == {Route.EMAIL}
    assert {r.to for r in rows} == {w.users["granted"]}
    before = Disclosure.objects.count()
    assert send_notice(version, w.users["member"])
    assert Disclosure.objects.count() == before


# --- reading and exporting ------------------------------------------------------------------


def _seed(w) -> None:
    """Two disclosures: one of this committee, one of the other committee's."""
    base = {"kind": "item", "object_id": 1, "label": "Agenda item 1", "route": Route.PAGE}
    Disclosure.objects.create(
        committee=w.committee, by_name="Granted Person", to_name="Granted Person", **base
    )
    Disclosure.objects.create(
        committee=w.other_committee, by_name="CPS Reader", to_name="CPS Reader", **base
    )


def test_a_chair_reads_their_committees_disclosures_only(sworld, client):
    w = sworld
    _seed(w)
    page = _as(client, w.users["chair"]).get(LOG)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Granted Person" in text and "CPS Reader" not in text
    other = _as(client, w.other_chair).get(LOG).content.decode()
    assert "CPS Reader" in other and "Granted Person" not in other


def test_a_records_officer_and_administrators_read_everything(sworld, client):
    w = sworld
    _seed(w)
    officer = w.users["member"]
    officer.is_records_officer = True
    officer.save(update_fields=["is_records_officer"])
    for user in (officer, w.users["superuser"]):
        text = _as(client, user).get(LOG).content.decode()
        assert "Granted Person" in text and "CPS Reader" in text


def test_everybody_else_is_refused(sworld, client):
    w = sworld
    for who in ("member", "lead", "granted", "clerk", "manager", "staff", "outsider"):
        for url in (LOG, CSV):
            assert _as(client, w.users[who]).get(url).status_code == 403, (who, url)
    client.logout()
    assert client.get(LOG).status_code == 302 and client.get(CSV).status_code == 302


def test_the_export_is_the_periods_rows_as_csv(sworld, client):
    w = sworld
    _seed(w)
    old = Disclosure.objects.create(
        committee=w.committee, kind="item", object_id=2, label="Old", route=Route.PDF,
        by_name="Long Ago", to_name="Long Ago",
        disclosed_at=timezone.now() - timedelta(days=40),
    )  # fmt: skip
    today = timezone.localdate()
    query = f"?start={today - timedelta(days=1):%Y-%m-%d}&end={today:%Y-%m-%d}"
    response = _as(client, w.users["chair"]).get(CSV + query)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "When" and [r[2] for r in rows[1:]] == ["Granted Person"]
    wide = f"?start={today - timedelta(days=60):%Y-%m-%d}&end={today:%Y-%m-%d}"
    rows = list(csv.reader(io.StringIO(client.get(CSV + wide).content.decode())))
    assert old.by_name in [r[2] for r in rows]
    assert "Long Ago" not in client.get(LOG).content.decode()  # the page's default: 30 days


@pytest.mark.parametrize(
    "query, message",
    [
        ("?start=2027-02-30&end=2027-03-01", "Enter a real date"),
        ("?start=2027-03-02&end=2027-03-01", "The last date must be on or after the first date"),
        ("?start=1999-12-31&end=2027-03-01", "Enter a date between"),
        ("?start=2000-01-01&end=2027-03-01", "Choose a period of ten years or less"),
        ("?end=2027-03-01", "Enter the first date"),
    ],
)
def test_a_bad_period_is_a_400_with_a_message(sworld, client, query, message):
    browser = _as(client, sworld.users["chair"])
    for url in (LOG, CSV):
        response = browser.get(url + query)
        assert response.status_code == 400, url
        assert message in response.content.decode(), url


def test_the_log_cannot_be_changed_or_deleted_through_the_product(sworld, client):
    w = sworld
    _seed(w)
    row = Disclosure.objects.first()
    browser = _as(client, w.users["superuser"])
    assert browser.post(LOG).status_code == 405 and browser.post(CSV).status_code == 405
    request = RequestFactory().get("/")
    request.user = w.users["superuser"]
    admin = site._registry[Disclosure]
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, row)
    assert not admin.has_delete_permission(request, row)
    url = reverse("admin:audit_disclosure_delete", args=[row.pk])
    assert browser.post(url, {"post": "yes"}).status_code == 403
    assert Disclosure.objects.filter(pk=row.pk).exists()
    staff = _as(client, w.users["staff"])
    assert staff.get(reverse("admin:audit_disclosure_changelist")).status_code == 403


# --- retention ------------------------------------------------------------------------------


def test_disclosures_are_kept_for_the_retention_period_then_purged(sworld, settings):
    w = sworld
    settings.DISCLOSURE_KEEP_DAYS = 30
    now = timezone.now()
    base = {"committee": w.committee, "kind": "item", "object_id": 1, "label": "x",
            "route": Route.PAGE, "by_name": "A", "to_name": "A"}  # fmt: skip
    kept = Disclosure.objects.create(disclosed_at=now - timedelta(days=29), **base)
    gone = Disclosure.objects.create(disclosed_at=now - timedelta(days=31), **base)
    assert purge_disclosures(now) >= 1
    assert Disclosure.objects.filter(pk=kept.pk).exists()
    assert not Disclosure.objects.filter(pk=gone.pk).exists()
    assert purge_old_disclosures() == "deleted 0 disclosures"
    assert "purge-old-disclosures" in settings.CELERY_BEAT_SCHEDULE


def test_the_read_log_links_to_the_disclosure_log_for_those_who_may_read_it(sworld, client):
    w = sworld
    link = f'href="{LOG}"'
    assert link in _as(client, w.users["chair"]).get(reverse("audit:log")).content.decode()
    assert link not in _as(client, w.users["clerk"]).get(reverse("audit:log")).content.decode()


def test_the_log_page_query_count_does_not_grow_with_rows(sworld, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    w = sworld
    _seed(w)
    reader = _as(client, w.users["superuser"])
    reader.get(LOG)
    with CaptureQueriesContext(connection) as few:
        assert reader.get(LOG).status_code == 200
    for _ in range(10):
        _seed(w)
    with CaptureQueriesContext(connection) as many:
        assert reader.get(LOG).status_code == 200
    assert len(many) <= len(few)
