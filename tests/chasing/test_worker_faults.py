"""The faults of issue #21 with real components: a Celery worker and beat, Redis, PostgreSQL and
an SMTP server that goes down, refuses a recipient for good, or refuses before any recipient.

Each test prints its figures (pytest -s): emails expected, sent, lost and duplicated.
"""

from __future__ import annotations

import datetime

import time_machine
from guardian.shortcuts import remove_perm

from actions import chasing
from actions.models import Delivery, MailCircuit
from meetings.services import VIEW_PERM
from tests.factories import person_in

from .conftest import wait_for
from .figures import tally
from .test_worker_chasing import DAY, make, settle

State = Delivery.State
# The retry settings of production (config/settings/base.py); only the sweep runs faster.
PRODUCTION = {
    "CHASING_RETRY_BASE_SECONDS": "60",
    "CHASING_MAX_ATTEMPTS": "6",
    "CHASING_REQUEUE_SECONDS": "600",
    "CHASING_CIRCUIT_MAX_SECONDS": "600",
}


def moment(day: datetime.date, minutes: int = 0) -> str:
    """An ISO time `minutes` after 09:00 UTC on `day`, for FAKE_NOW."""
    start = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
    return (start + datetime.timedelta(minutes=minutes)).isoformat()


def phase(celery, when: str, tries: int | None = None) -> None:
    """A worker and a beat running from `when` for a few sweeps (and until the mail server has
    been tried `tries` times in all), then stopped."""
    celery.worker(when)
    celery.beat(when)
    if tries is not None:
        wait_for(
            lambda: MailCircuit.objects.filter(failures__gte=tries).exists(),
            what=lambda: f"try {tries} of the mail server\n{celery.log_text()[-4000:]}",
        )
    settle(celery)
    celery.stop_all()


def all_sent():
    """A wait_for check: every outbox row sent."""
    return lambda: not Delivery.objects.exclude(state=State.SENT).exists()


def test_a_two_hour_smtp_outage_loses_nothing_and_sends_each_email_once(world, celery, smtp):
    sink, _ = smtp
    celery.env.update(PRODUCTION)
    today = [make(world, 0, owner=world.member) for _ in range(4)]
    unassigned = make(world, 1)
    late = make(world, -8, owner=world.member)
    sink.go_down()
    # Two hours in phases of 20 minutes: refused connections, then a server answering 421
    # before any recipient; under the old code each phase spent an attempt of every row.
    for n, minutes in enumerate(range(0, 120, 20), start=1):
        if minutes == 80:
            sink.refuse_mail = True
            sink.come_back()
        phase(celery, moment(DAY, minutes), tries=n)
        assert not sink.accepted
        assert not Delivery.objects.filter(attempts__gt=0).exists(), celery.log_text()[-3000:]
    assert MailCircuit.objects.get().failures >= 6
    sink.refuse_mail = False
    celery.worker(moment(DAY, 120))
    celery.beat(moment(DAY, 120))
    wait_for(all_sent(), what=lambda: "every row sent\n" + celery.log_text()[-4000:])
    settle(celery)
    figures = tally(
        "2-hour SMTP outage",
        sink.accepted,
        {
            world.member.email: [{a.reference} for a in [*today, late]],
            world.lead.email: [{unassigned.reference}],
            world.manager.email: [{late.reference}],
        },
    )
    assert (figures.expected, figures.sent, figures.lost, figures.duplicated) == (7, 7, 0, 0)
    assert figures.unexpected == 0
    assert MailCircuit.objects.get().retry_at is None


def test_an_eight_day_clock_jump_sends_one_email_per_action_and_person(world, celery, smtp):
    sink, _ = smtp
    owned = [make(world, days, owner=world.member) for days in (1, 0, -3, -8)]
    unassigned = make(world, 1)
    sink.go_down()  # the day's rows stay pending: the server refused them until after midnight
    phase(celery, moment(DAY))
    assert Delivery.objects.filter(state=State.PENDING).count() == 6
    sink.come_back()
    celery.worker(moment(DAY + datetime.timedelta(days=8)))
    celery.beat(moment(DAY + datetime.timedelta(days=8)))
    wait_for(
        lambda: not Delivery.objects.filter(state=State.PENDING).exists(),
        what=lambda: "no row pending\n" + celery.log_text()[-4000:],
    )
    settle(celery)
    everything = {a.reference for a in [*owned, unassigned]}
    figures = tally(
        "8-day clock jump with pending rows",
        sink.accepted,
        {
            world.member.email: [{a.reference} for a in owned],
            world.lead.email: [{unassigned.reference}],
            world.manager.email: [everything],
        },
    )
    assert (figures.expected, figures.sent, figures.lost, figures.duplicated) == (6, 6, 0, 0)
    assert figures.unexpected == 0
    assert Delivery.objects.filter(state=State.CANCELLED).count() == 5  # superseded


def test_access_revoked_before_sending_reaches_only_those_who_may_see(
    world, secret_item, celery, smtp
):
    sink, _ = smtp
    mopac_member = person_in(world.mopac, "member", email="member@mopac.example")
    secret = make(
        world,
        0,
        owner=mopac_member,
        owning_agency=world.mopac,
        agenda_item=secret_item,
        meeting=secret_item.meeting,
    )
    # Planned on DAY, as the worker's clock reads it: planned at the real clock, the row would
    # wait for a next attempt the worker's DAY never reaches once the calendar passes DAY.
    with time_machine.travel(datetime.datetime.fromisoformat(moment(DAY)), tick=False):
        chasing.write_notifications(DAY)
        chasing.plan_deliveries()
    assert Delivery.objects.get().recipient == mopac_member
    remove_perm(VIEW_PERM, world.mopac.group, secret_item)
    celery.worker(moment(DAY))
    celery.beat(moment(DAY))
    wait_for(
        lambda: len(sink.accepted) >= 2,
        what=lambda: "the officers' digests\n" + celery.log_text()[-4000:],
    )
    settle(celery)
    figures = tally(
        "access revoked before sending",
        sink.accepted,
        {world.chair.email: [{secret.reference}], world.clerk.email: [{secret.reference}]},
    )
    assert (figures.expected, figures.sent, figures.lost, figures.duplicated) == (2, 2, 0, 0)
    assert figures.unexpected == 0 and not sink.to(mopac_member.email)


def test_an_agency_with_no_manager_and_no_lead_reaches_the_officers(world, celery, smtp):
    sink, _ = smtp
    soon = make(world, 1, owning_agency=world.safer_london)
    late = make(world, -8, owning_agency=world.safer_london)
    mine = make(world, 0, owning_agency=world.safer_london, owner=world.partner_member)
    celery.worker(moment(DAY))
    celery.beat(moment(DAY))
    wait_for(
        lambda: len(sink.accepted) >= 3,
        what=lambda: "the owner's reminder and two digests\n" + celery.log_text()[-4000:],
    )
    settle(celery)
    both = {soon.reference, late.reference}
    figures = tally(
        "agency with no manager and no lead",
        sink.accepted,
        {
            world.partner_member.email: [{mine.reference}],
            world.chair.email: [both],
            world.clerk.email: [both],
        },
    )
    assert (figures.expected, figures.sent, figures.lost, figures.duplicated) == (3, 3, 0, 0)
    assert figures.unexpected == 0


def test_a_recipient_refused_for_good_fails_that_row_visibly_and_the_rest_go(
    world, celery, smtp, signed_in
):
    sink, _ = smtp
    sink.refuse_rcpt = {world.member.email}
    refused = make(world, 0, owner=world.member)
    fine = make(world, 0, owner=world.lead)
    celery.worker(moment(DAY))
    celery.beat(moment(DAY))
    wait_for(
        lambda: Delivery.objects.filter(state=State.FAILED).exists() and sink.accepted,
        what=lambda: "one row failed and one sent\n" + celery.log_text()[-4000:],
    )
    settle(celery)
    figures = tally(
        "SMTP 550 for one recipient", sink.accepted, {world.lead.email: [{fine.reference}]}
    )
    assert (figures.expected, figures.sent, figures.lost, figures.duplicated) == (1, 1, 0, 0)
    row = Delivery.objects.get(recipient=world.member)
    assert (row.state, row.attempts) == (State.FAILED, 1) and "550" in row.last_error
    from agencies.models import User

    admin = User.objects.create_superuser("root@meetings.example", "pw-x-12345")
    page = signed_in(admin).get("/admin/actions/delivery/?state__exact=failed")
    assert refused.reference.encode() in page.content and b"No such user" in page.content
