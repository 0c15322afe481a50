"""The inbox: one message per (event, person), emailed once, listed and marked read."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from inbox import delivery, guards, services
from inbox.models import Message
from inbox.selectors import messages_for, unread_count
from inbox.tasks import deliver_event, deliver_pending


def notify(people, event="test:1", **fields):
    defaults = {
        "kind": Message.Kind.MINUTES_CIRCULATED,
        "subject": "Minutes for comment",
        "body": "Please comment on the draft minutes by 1 May 2027",
        "link": "/minutes/1/",
    }
    return services.messages_notify(event=event, recipients=people, **{**defaults, **fields})


def test_an_event_replayed_tells_each_person_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert notify([world.lead, world.member]) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert notify([world.lead, world.member, world.chair]) == 1
    assert Message.objects.count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.lead.email, world.member.email, world.chair.email]
    )
    assert deliver_event("test:1") == 0 and deliver_pending() == 0
    assert len(mail.outbox) == 3
    body = next(m for m in mail.outbox if m.to == [world.lead.email]).body
    assert "Please comment on the draft minutes by 1 May 2027: http" in body
    assert "/minutes/1/" in body


def test_a_step_rolled_back_tells_nobody(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify([world.lead])
        raise RuntimeError("the step failed")
    assert not Message.objects.exists()
    assert not mail.outbox


def test_a_refused_send_is_retried_after_backoff_then_failed(world, monkeypatch, settings):
    settings.CHASING_MAX_ATTEMPTS = 2
    notify([world.lead])
    row = Message.objects.get()

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPDataError(451, b"try later")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    assert delivery.deliver(row.pk).startswith("failed")
    row.refresh_from_db()
    assert row.email == Message.Email.PENDING and row.attempts == 1
    assert row.next_attempt_at > row.created_at
    assert delivery.deliver(row.pk) == "not due yet"
    Message.objects.filter(pk=row.pk).update(next_attempt_at=row.created_at)
    assert delivery.deliver(row.pk).startswith("failed")
    row.refresh_from_db()
    assert row.email == Message.Email.FAILED and "451" in row.last_error
    assert delivery.deliver(row.pk).startswith("not pending")


def test_a_message_about_something_the_person_lost_sight_of_is_neither_sent_nor_listed(world):
    visible = {world.lead.id}
    guards.guard_register("test-thing", lambda user, pk: user.id in visible)
    notify([world.lead], guard="test-thing", guard_id=7, restricted=True)
    assert unread_count(world.lead) == 1
    visible.clear()
    assert unread_count(world.lead) == 0 and not messages_for(world.lead).exists()
    assert delivery.deliver(Message.objects.get().pk) == "cancelled"
    assert not mail.outbox


def test_an_unknown_guard_fails_closed(world):
    assert not guards.may_see(world.lead, "nobody-registered-this", 1)


def test_the_messages_page_lists_only_ones_own_and_marks_read(world, signed_in):
    notify([world.lead], subject="Minutes for comment: MOPAC Challenge")
    notify([world.member], event="test:2", subject="Somebody else's message")
    client = signed_in(world.lead)
    page = client.get(reverse("inbox:list")).content.decode()
    assert "Minutes for comment: MOPAC Challenge" in page
    assert "Somebody else&#x27;s message" not in page and "Somebody else" not in page
    assert "1 unread" in client.get(reverse("home")).content.decode()
    other = Message.objects.get(recipient=world.member)
    client.post(reverse("inbox:read", args=[other.pk]))
    assert Message.objects.get(pk=other.pk).read_at is None
    own = Message.objects.get(recipient=world.lead)
    response = client.post(reverse("inbox:read", args=[own.pk]), {"next": "/minutes/1/"})
    assert response.status_code == 302 and response["Location"] == "/minutes/1/"
    assert unread_count(world.lead) == 0
    response = client.post(reverse("inbox:read", args=[own.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("inbox:list")


def test_mark_all_read(world, signed_in):
    notify([world.lead])
    notify([world.lead], event="test:2")
    client = signed_in(world.lead)
    client.post(reverse("inbox:read_all"))
    assert unread_count(world.lead) == 0


def test_the_messages_page_needs_sign_in(client, world):
    response = client.get(reverse("inbox:list"))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_the_messages_page_queries_do_not_grow_with_rows(
    world, signed_in, django_assert_max_num_queries
):
    client = signed_in(world.lead)
    notify([world.lead])
    client.get(reverse("inbox:list"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("inbox:list"))
    for n in range(20):
        notify([world.lead], event=f"more:{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("inbox:list"))


def test_a_broker_that_is_down_fails_neither_the_step_nor_the_email(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    """Queueing after the commit meets a broker that is down: the step stands (no exception
    reaches the view), the row waits, and the beat sweep sends it."""
    from kombu.exceptions import OperationalError

    def down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(deliver_event, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify([world.lead]) == 1
    assert Message.objects.get().email == Message.Email.PENDING and not mail.outbox
    assert deliver_pending() == 1
    assert [m.to for m in mail.outbox] == [[world.lead.email]]
