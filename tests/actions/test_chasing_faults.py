"""Chasing under the faults of issue #21, in one process: the mail server down, newer steps,
access lost before sending, agencies with nobody to chase, bad rows, honest counts.

The same faults run with a real worker, Redis and SMTP server in
tests/chasing/test_worker_faults.py.
"""

from __future__ import annotations

import datetime
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from guardian.shortcuts import remove_perm

from actions import chasing, circuit, outbox
from actions.dashboard import agency_dashboard
from actions.models import Action, Delivery, MailCircuit, Notification
from meetings.services import VIEW_PERM
from tests.actions.test_chasing import LONDON, TODAY, day, make_action, sweep_on
from tests.factories import person_in

pytestmark = pytest.mark.django_db
State = Delivery.State


class Backend(BaseEmailBackend):
    """An email backend that raises `Backend.error` (when set) and counts calls."""

    error: BaseException | None = None
    calls = 0

    def send_messages(self, messages):
        Backend.calls += 1
        if Backend.error is not None:
            raise Backend.error
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def backend(settings):
    settings.EMAIL_BACKEND = "tests.actions.test_chasing_faults.Backend"
    Backend.error, Backend.calls = None, 0
    yield Backend
    Backend.error = None


def at(when: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(when, datetime.time(hour, minute), tzinfo=LONDON)


@pytest.mark.parametrize(
    ("error", "connection", "permanent"),
    [
        (ConnectionRefusedError(111, "Connection refused"), True, False),
        (TimeoutError("timed out"), True, False),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), True, False),
        (smtplib.SMTPSenderRefused(421, b"Service not available", "a@b"), True, False),
        (smtplib.SMTPSenderRefused(451, b"Try later", "a@b"), True, False),
        (smtplib.SMTPDataError(421, b"Closing"), True, False),
        (smtplib.SMTPDataError(451, b"Try again later"), False, False),
        (smtplib.SMTPDataError(554, b"Rejected"), False, True),
        (smtplib.SMTPRecipientsRefused({"x@y": (550, b"No such user")}), False, True),
        (smtplib.SMTPRecipientsRefused({"x@y": (450, b"Mailbox busy")}), False, False),
    ],
)
def test_failures_are_told_apart(error, connection, permanent):
    assert circuit.is_connection_failure(error) is connection
    assert circuit.is_permanent(error) is permanent


def test_a_mail_server_down_opens_the_circuit_and_spends_no_attempts(
    world, backend, settings, signed_in
):
    settings.CHASING_MAX_ATTEMPTS = 2
    for _ in range(3):
        make_action(world, 0, owner=world.member)
    backend.error = ConnectionRefusedError(111, "Connection refused")
    moment = at(TODAY)
    with time_machine.travel(moment, tick=False) as clock:
        queued = chasing.sweep().queued
        results = [outbox.deliver(pk) for pk in queued]
        # The first row found the server down; the others were not even tried.
        assert backend.calls == 1
        assert all(r.startswith("postponed") for r in results)
        assert set(Delivery.objects.values_list("state", "attempts")) == {(State.PENDING, 0)}
        assert chasing.sweep().queued == []  # the circuit is open: nothing is queued
        admin = type(world.chair).objects.create_superuser("root@meetings.example", "pw-x-12345")
        banner = signed_in(admin).get("/admin/actions/delivery/").content.decode()
        assert "Mail server unavailable" in banner and "Connection refused" in banner
        # Ten retries of the connection, far more than the rows' two attempts.
        for _ in range(10):
            clock.move_to(MailCircuit.objects.get().retry_at)
            results = [outbox.deliver(pk) for pk in chasing.sweep().queued]
            assert len(results) == 3 and all(r.startswith("postponed") for r in results)
        assert MailCircuit.objects.get().failures == 11
        assert set(Delivery.objects.values_list("state", "attempts")) == {(State.PENDING, 0)}
        backend.error = None
        clock.move_to(MailCircuit.objects.get().retry_at)
        sent = [outbox.deliver(pk) for pk in chasing.sweep().queued]
    assert sent == ["sent"] * 3 and len(mail.outbox) == 3
    assert MailCircuit.objects.get().retry_at is None


def test_a_permanent_refusal_fails_that_row_at_once_and_the_rest_go(world, backend, signed_in):
    make_action(world, 0, owner=world.member)
    make_action(world, 0, owner=world.lead)
    with time_machine.travel(at(TODAY), tick=False):
        queued = chasing.sweep().queued
        first = Delivery.objects.get(pk=queued[0])
        refused = {first.recipient.email: (550, b"No such user")}
        backend.error = smtplib.SMTPRecipientsRefused(refused)
        assert outbox.deliver(first.pk).startswith("refused for good")
        backend.error = None
        assert outbox.deliver(queued[1]) == "sent"
    first.refresh_from_db()
    assert (first.state, first.attempts) == (State.FAILED, 1) and "550" in first.last_error
    assert len(mail.outbox) == 1
    admin = type(world.chair).objects.create_superuser("root@meetings.example", "pw-x-12345")
    page = signed_in(admin).get("/admin/actions/delivery/?state__exact=failed")
    assert b"No such user" in page.content


def test_a_newer_step_supersedes_a_pending_older_one_after_a_clock_jump(world):
    action = make_action(world, 1, owner=world.member)
    sweep_on(TODAY)  # written and queued, never delivered (the worker was down)
    sweep_on(day(8))
    rows = list(Delivery.objects.filter(recipient=world.member).order_by("id"))
    assert [r.state for r in rows] == [State.CANCELLED, State.PENDING]
    assert "Superseded" in rows[0].last_error
    # Delivered on the day of the sweep that queued it (a row queued on an earlier day waits
    # for that day's sweep).
    with time_machine.travel(at(day(8), 9, 5), tick=False):
        assert outbox.deliver(rows[0].pk).startswith("not pending")
        assert outbox.deliver(rows[1].pk) == "sent"
    # One email for this action and person, as of its own step's day (the overdue step fell due
    # the day after the deadline), not the send date.
    assert [m.subject for m in mail.outbox] == [f"Action {action.reference} is 1 day overdue"]
    assert f"1 day overdue (on {day(2):%-d %B %Y})" in mail.outbox[0].body


def test_access_lost_before_sending_drops_the_person_and_tells_the_officers(
    world, secret_item, django_capture_on_commit_callbacks
):
    mopac_member = person_in(world.mopac, "member", email="member@mopac.example")
    secret = make_action(
        world,
        0,
        owner=mopac_member,
        owning_agency=world.mopac,
        agenda_item=secret_item,
        meeting=secret_item.meeting,
        description="Arrange ISVA support for Ms X",
    )
    first = sweep_on(TODAY)
    assert Delivery.objects.get().recipient == mopac_member  # MOPAC holds the grant
    remove_perm(VIEW_PERM, world.mopac.group, secret_item)
    with time_machine.travel(at(TODAY, 9, 5), tick=False):
        assert outbox.deliver(first.queued[0]) == "cancelled"
    sweep_on(TODAY, hour=10, execute=django_capture_on_commit_callbacks)
    assert not [m for m in mail.outbox if m.to == [mopac_member.email]]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.chair.email, world.clerk.email])
    assert all(secret.reference in m.body and "ISVA" in m.body for m in mail.outbox)


def test_an_agency_with_no_manager_and_no_lead_is_chased_through_the_officers_digest(
    world, django_capture_on_commit_callbacks
):
    soon = make_action(world, 1, owning_agency=world.safer_london)
    late = make_action(world, -8, owning_agency=world.safer_london)
    sweep_on(TODAY, execute=django_capture_on_commit_callbacks)
    # One digest each for the chair and the clerk, with both actions; nothing singly.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.chair.email, world.clerk.email])
    for message in mail.outbox:
        assert message.subject == "Overdue actions: 2 need your attention"
        assert soon.reference in message.body and late.reference in message.body
    assert not Notification.objects.exclude(unreached="").exists()


def test_a_step_that_reaches_nobody_shows_on_the_dashboard_and_in_the_admin(world, signed_in):
    world.committee.chairs.clear()
    world.committee.secretariat.clear()
    action = make_action(world, -1, owning_agency=world.safer_london)
    result = sweep_on(TODAY)
    assert result.unreached == 1 and "reached nobody" in result.summary()
    assert "Reached nobody" in Notification.objects.get().unreached
    lead = person_in(world.safer_london, "lead", email="lead@saferlondon.example")
    board = agency_dashboard(lead, world.safer_london)
    assert [n.action for n in board.unreached] == [action]
    page = signed_in(lead).get("/actions/dashboard/")
    assert b'id="unreached"' in page.content and action.reference.encode() in page.content
    admin = type(world.chair).objects.create_superuser("root@meetings.example", "pw-x-12345")
    outbox_page = signed_in(admin).get("/admin/actions/delivery/")
    assert b"1 ladder steps reached nobody" in outbox_page.content
    steps = signed_in(admin).get("/admin/actions/notification/?reached=nobody")
    assert action.reference.encode() in steps.content
    step = Notification.objects.get()
    form = signed_in(admin).get(f"/admin/actions/notification/{step.pk}/change/")
    assert action.reference in form.content.decode()
    assert action.description not in form.content.decode()  # references only, like the outbox
    # Others see neither: another agency's dashboard, nor the admin without staff rights.
    assert agency_dashboard(world.lead, world.mps).unreached == []
    assert signed_in(world.lead).get("/admin/actions/notification/").status_code == 302


def test_a_step_others_reach_is_not_on_the_dashboard(world, signed_in):
    make_action(world, -1, owning_agency=world.safer_london)
    sweep_on(TODAY)
    lead = person_in(world.safer_london, "lead", email="lead@saferlondon.example")
    assert agency_dashboard(lead, world.safer_london).unreached == []


def test_officers_get_a_digest_at_the_owner_step_not_one_email_per_action(
    world, django_capture_on_commit_callbacks
):
    for _ in range(3):
        make_action(world, 0, owning_agency=world.safer_london)
    sweep_on(TODAY, execute=django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.chair.email, world.clerk.email])
    assert Delivery.objects.filter(digest=False).count() == 0


def test_the_sweep_counts_rows_inserted_not_tried(world, monkeypatch):
    for _ in range(3):
        make_action(world, 0, owner=world.member)
    assert chasing.write_notifications(TODAY) == (3, 3)
    # A sweep racing another finds nothing written yet, tries all three and inserts none.
    monkeypatch.setattr(chasing, "_existing", lambda keys: set())
    assert chasing.write_notifications(TODAY) == (3, 0)
    assert Notification.objects.count() == 3


def test_a_row_that_fails_is_recorded_and_the_rest_are_chased(world):
    bad = make_action(world, 0, owner=world.member)
    Action.objects.filter(pk=bad.pk).update(due_date=datetime.date(1, 1, 1))
    good = make_action(world, 0, owner=world.member)
    result = sweep_on(TODAY)
    assert [pk for pk, _ in result.errors] == [bad.pk]
    assert "OverflowError" in result.errors[0][1]
    assert f"1 actions could not be chased: action {bad.pk}" in result.summary()
    assert list(Notification.objects.values_list("action_id", flat=True)) == [good.pk]


def test_an_owner_who_cannot_be_reached_is_stood_in_for_by_the_lead(
    world, django_capture_on_commit_callbacks
):
    action = make_action(world, 0, owner=world.member)
    type(world.member).objects.filter(pk=world.member.pk).update(is_active=False)
    sweep_on(TODAY, execute=django_capture_on_commit_callbacks)
    assert [m.to[0] for m in mail.outbox] == [world.lead.email]
    body = mail.outbox[0].body
    assert action.reference in body and "its owner cannot be reached" in body
    assert "An action you own" not in body
