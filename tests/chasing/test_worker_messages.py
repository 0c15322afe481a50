"""Issue 14's notifications end to end: steps write their messages and agenda notices; a real
worker and beat (tests/chasing/conftest.py) deliver them to a real SMTP server, each once, even
with the delivery task sent twice and the after-commit task lost."""

from __future__ import annotations

from celery import Celery as CeleryApp
from django.utils import timezone

from actions import services as action_services
from inbox.models import Message
from meetings.models import AgendaNotice, Meeting
from meetings.services import agenda_publish
from tests.agenda_fixtures import SECRET

from .conftest import wait_for


def text_of(message) -> str:
    """The decoded plain-text part of an accepted email."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode()
    return ""


def _unmarked(subject: str) -> str:
    return subject.removeprefix("OFFICIAL-SENSITIVE: ")


def test_a_real_worker_delivers_each_message_and_agenda_once(
    world, meeting, celery, smtp, redis_server, monkeypatch
):
    sink, _ = smtp
    # The after-commit tasks are lost (as with a broker down at commit): the beat's sweeps must
    # find the rows in the database and send them.
    monkeypatch.setattr("django.db.transaction.on_commit", lambda *a, **k: None)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)
    agenda_publish(meeting=meeting, by=world.clerk)
    action, _ = action_services.action_create(
        by=world.clerk,
        committee=world.committee,
        meeting=meeting,
        description="Write to the Committee with the referral figures",
        owning_agency=world.mps,
        owner=world.member,
    )
    invited = {world.chair, world.clerk, world.lead, world.member, world.partner_member}
    invited.add(world.manager)  # kept informed, though not invited to attend
    now = timezone.now().isoformat()
    celery.worker(now)
    # The delivery task sent twice as well, by another client, while the beat sweeps.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    app = CeleryApp(broker=redis_server.url)
    for _ in range(2):
        app.send_task(
            "inbox.tasks.deliver_event",
            args=[f"action-recorded:{action.pk}:owner:{world.member.pk}"],
        )
    celery.beat(now)
    expected = len(invited) + 1
    wait_for(
        lambda: (
            len(sink.accepted) >= expected
            and not AgendaNotice.objects.filter(sent_at__isnull=True).exists()
            and not Message.objects.filter(email=Message.Email.PENDING).exists()
        ),
        what=lambda: f"{expected} emails\n{celery.log_text()[-4000:]}",
    )
    # A few more sweeps, in which a duplicate would have gone out.
    log = celery.log_text()
    sweeps = log.count("inbox.tasks.deliver_pending")
    wait_for(
        lambda: celery.log_text().count("inbox.tasks.deliver_pending") >= sweeps + 6,
        what="more sweeps",
    )
    assert len(sink.accepted) == expected
    assert len({m["Message-ID"] for m in sink.accepted}) == expected
    # The chair and clerk see the restricted item: theirs is marked OFFICIAL-SENSITIVE (#16).
    agenda_to = sorted(
        m["To"] for m in sink.accepted if _unmarked(m["Subject"]).startswith("Agenda")
    )
    assert agenda_to == sorted(u.email for u in invited)
    member_agenda = text_of(
        next(m for m in sink.to(world.member.email) if m["Subject"].startswith("Agenda"))
    )
    assert SECRET not in member_agenda and "Restricted item 3" in member_agenda
    owner_mail = [m for m in sink.to(world.member.email) if action.reference in m["Subject"]]
    assert len(owner_mail) == 1
    assert "please record your progress as you go: https" in text_of(owner_mail[0])
    assert f"https://meetings.example/actions/{action.pk}/" in text_of(owner_mail[0])
    assert Message.objects.get(kind=Message.Kind.ACTION_ASSIGNED).email == Message.Email.SENT
    # Each invitee also has the agenda in their messages.
    assert Message.objects.filter(kind=Message.Kind.AGENDA_PUBLISHED).count() == len(invited)
    assert not sink.to(world.outsider.email)
