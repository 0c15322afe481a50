"""Publishing sends the agenda to everyone invited; inviting after publishing sends it to the
newly invited; each person gets each version once, with only what they may see."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from attendance.services import Capacity, invitation_add, invitations_generate
from inbox.models import Message
from meetings import services
from meetings.models import AgendaNotice, Meeting
from meetings.services import agenda_publish
from meetings.tasks import send_agenda_notices, send_pending_agenda_notices
from tests.agenda_fixtures import SECRET, add
from tests.factories import person_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)
    meeting.refresh_from_db()
    return meeting


def mailed() -> list[str]:
    return sorted(m.to[0] for m in mail.outbox)


def test_publishing_with_nobody_invited_invites_the_committee_and_sends_them_the_agenda(
    world, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agenda_publish(meeting=draft, by=world.clerk)
    invited = set(draft.invitations.values_list("person__email", flat=True))
    assert invited == {
        world.chair.email,
        world.clerk.email,
        world.lead.email,
        world.member.email,
        world.partner_member.email,
    }
    # The 7-versus-52 of issue 14: the agenda goes to the invited, and to the agencies'
    # managers, who are kept informed though not invited to attend.
    assert mailed() == sorted(invited | {world.manager.email})
    member = next(m for m in mail.outbox if m.to == [world.member.email])
    assert "Restricted item 3" in member.body and SECRET not in member.body
    assert SECRET not in member.alternatives[0][0]
    chair = next(m for m in mail.outbox if m.to == [world.chair.email])
    assert SECRET in chair.body
    # ...and each of them has the in-app message too.
    assert set(
        Message.objects.filter(kind=Message.Kind.AGENDA_PUBLISHED).values_list(
            "recipient__email", flat=True
        )
    ) == set(invited) | {world.manager.email}


def test_publishing_sends_to_the_invited_only(world, draft, django_capture_on_commit_callbacks):
    invitation_add(meeting=draft, by=world.clerk, capacity=Capacity.OBSERVER, person=world.lead)
    with django_capture_on_commit_callbacks(execute=True):
        agenda_publish(meeting=draft, by=world.clerk)
    assert mailed() == sorted([world.lead.email, world.manager.email])
    assert draft.invitations.count() == 1


def test_the_clerk_may_publish_without_inviting_and_invite_later(
    world, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agenda_publish(meeting=draft, by=world.clerk, invite_committee=False)
    assert not mail.outbox and not draft.invitations.exists()
    with django_capture_on_commit_callbacks(execute=True):
        invitations_generate(meeting=draft, by=world.clerk)
    assert len(mail.outbox) == 5  # the invited; managers hear with the next version
    assert all(
        m.subject.removeprefix("OFFICIAL-SENSITIVE: ").startswith("Agenda published")
        for m in mail.outbox
    )


def test_inviting_after_publishing_sends_the_current_agenda_whole_to_the_new_invitee(
    world, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agenda_publish(meeting=draft, by=world.clerk)
    add(draft, "Late item")
    with django_capture_on_commit_callbacks(execute=True):
        version = agenda_publish(meeting=draft, by=world.clerk)
    mail.outbox.clear()
    guest = person_in(world.safer_london, email="guest@saferlondon.example")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_add(meeting=draft, by=world.clerk, capacity=Capacity.OBSERVER, person=guest)
    assert mailed() == [guest.email]
    body = mail.outbox[0].body
    assert (
        mail.outbox[0].subject.removeprefix("OFFICIAL-SENSITIVE: ").startswith("Agenda published")
    )  # the whole agenda, not a diff
    assert "Late item" in body and "Restricted item 3" in body and SECRET not in body
    assert AgendaNotice.objects.get(recipient=guest).version == version
    # A replayed task, a second worker or the sweep sends nothing twice.
    assert send_agenda_notices(version.id) == 0
    send_pending_agenda_notices()
    assert len(mail.outbox) == 1


def test_a_lost_task_is_picked_up_by_the_sweep(world, draft):
    agenda_publish(meeting=draft, by=world.clerk)  # after-commit task never ran
    assert AgendaNotice.objects.filter(sent_at__isnull=True).count() == 6
    assert send_pending_agenda_notices() == 1  # queued (eagerly, in tests) and sent
    assert len(mail.outbox) == 6
    assert not AgendaNotice.objects.filter(sent_at__isnull=True).exists()


def test_the_publish_page_asks_when_nobody_is_invited(world, draft, signed_in):
    client = signed_in(world.clerk)
    page = client.get(reverse("meetings:editor", args=[draft.pk])).content.decode()
    assert "Nobody is invited yet" in page and 'value="committee" checked' in page
    response = client.post(reverse("meetings:publish", args=[draft.pk]), {"audience": "bogus"})
    assert response.status_code == 400 and not draft.versions.exists()
    response = client.post(reverse("meetings:publish", args=[draft.pk]), {"audience": "later"})
    assert response.status_code == 302 and not draft.invitations.exists()
    assert draft.versions.count() == 1
    services.item_update(item=draft.items.first(), expected_revision=None, planned_minutes=9)
    page = client.get(reverse("meetings:editor", args=[draft.pk])).content.decode()
    assert "Nobody is invited yet" in page


def test_the_publish_page_says_who_gets_it(world, draft, signed_in):
    invitations_generate(meeting=draft, by=world.clerk)
    client = signed_in(world.clerk)
    page = client.get(reverse("meetings:editor", args=[draft.pk])).content.decode()
    assert "The agenda goes to the 5 people invited" in page
    response = client.post(reverse("meetings:publish", args=[draft.pk]), follow=True)
    assert "emailed to 6 people (those invited and the managers)" in response.content.decode()


def test_one_refused_address_does_not_stop_the_others(world, draft, monkeypatch):
    version = agenda_publish(meeting=draft, by=world.clerk)  # after-commit task not run
    real_send = mail.EmailMultiAlternatives.send

    def send(message, *args, **kwargs):
        if message.to == [world.lead.email]:
            raise ConnectionRefusedError("refused")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)
    with pytest.raises(ConnectionRefusedError):
        send_agenda_notices.run(version.id)
    assert len(mail.outbox) == 5 and world.lead.email not in mailed()
    assert list(AgendaNotice.objects.filter(sent_at__isnull=True)) == [
        AgendaNotice.objects.get(recipient=world.lead)
    ]
    monkeypatch.undo()
    assert send_agenda_notices.run(version.id) == 1
    assert len(mail.outbox) == 6
