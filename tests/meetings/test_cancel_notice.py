"""Cancelling a meeting tells the people who were sent its agenda and its officers, once."""

import pytest
from django.core import mail
from django.urls import reverse

from inbox.models import Message
from meetings.models import Meeting
from meetings.services import agenda_publish

pytestmark = pytest.mark.django_db


def _cancel(client, meeting):
    url = reverse("meetings:cancel", args=[meeting.pk])
    return client.post(url, {"revision": meeting.agenda_revision, "confirm": "yes"})


def test_cancelling_a_published_meeting_tells_everyone_sent_its_agenda_once(
    world, meeting, signed_in, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        agenda_publish(meeting=meeting, by=world.chair)
    sent_agenda = {m.to[0] for m in mail.outbox}
    assert world.member.email in sent_agenda and world.outsider.email not in sent_agenda
    mail.outbox.clear()
    meeting.refresh_from_db()
    client = signed_in(world.clerk)
    page = client.get(reverse("meetings:cancel", args=[meeting.pk]))
    assert "will be told by email and in their messages" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        assert _cancel(client, meeting).status_code == 302
    told = {m.to[0]: m for m in mail.outbox}
    # Everyone who had the agenda, and the chair, but not the clerk who cancelled it.
    assert set(told) == (sent_agenda | {world.chair.email}) - {world.clerk.email}
    notice = told[world.member.email]
    assert notice.subject.startswith(f"Cancelled: {meeting.committee.name}")
    assert "do not need to attend" in notice.body
    assert f"/meetings/{meeting.pk}/" in notice.body
    assert world.outsider.email not in told
    inbox = Message.objects.filter(kind=Message.Kind.MEETING_CANCELLED)
    assert inbox.filter(recipient=world.member).count() == 1
    assert not inbox.filter(recipient=world.clerk).exists()

    # A second attempt is refused and tells nobody again.
    mail.outbox.clear()
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert _cancel(client, meeting).status_code == 409
    assert not mail.outbox
    assert inbox.filter(recipient=world.member).count() == 1


def test_cancelling_a_draft_tells_only_the_other_officers(
    world, meeting, signed_in, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert _cancel(signed_in(world.clerk), meeting).status_code == 302
    assert {m.to[0] for m in mail.outbox} == {world.chair.email}
