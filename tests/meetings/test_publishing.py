"""Publishing versions, the change summary, and the change emails (who learns what)."""

import pytest
from django.core import mail

from meetings import services
from meetings.models import AgendaNotice, Meeting
from meetings.notices import send_notice
from meetings.services import agenda_publish
from tests.agenda_fixtures import SECRET, add

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world, meeting, django_capture_on_commit_callbacks):
    """Version 1 published, its emails sent and cleared."""
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        agenda_publish(meeting=meeting, by=world.chair)
    mail.outbox.clear()
    meeting.refresh_from_db()
    return meeting


def _mail_to(user):
    found = [m for m in mail.outbox if m.to == [user.email]]
    assert len(found) <= 1
    return found[0] if found else None


def _republish(world, meeting, capture):
    with capture(execute=True):
        return agenda_publish(meeting=meeting, by=world.chair)


def test_first_publication_emails_every_invitee_once_without_restricted_titles(
    world, meeting, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        version = agenda_publish(meeting=meeting, by=world.chair)
    meeting.refresh_from_db()
    assert version.number == 1 and meeting.status == Meeting.Status.PUBLISHED
    member_mail = _mail_to(world.member)
    assert member_mail is not None and "Restricted item 3" in member_mail.body
    assert SECRET not in member_mail.body
    assert SECRET not in member_mail.alternatives[0][0]
    assert SECRET in _mail_to(world.chair).body
    assert _mail_to(world.outsider) is None


def test_republishing_emails_what_changed(world, published, django_capture_on_commit_callbacks):
    aob = published.items.get(title="Any other business")
    services.item_update(item=aob, expected_revision=None, planned_minutes=15)
    add(published, "Date of next meeting")
    version = _republish(world, published, django_capture_on_commit_callbacks)
    assert version.number == 2
    body = _mail_to(world.member).body
    assert "Added: 5. Date of next meeting" in body
    assert "Retimed: 5. Date of next meeting" not in body
    assert "Any other business" in body


def test_a_change_to_a_restricted_item_is_not_told_to_those_without_access(
    world, published, secret_item, django_capture_on_commit_callbacks
):
    services.item_update(item=secret_item, expected_revision=None, title=SECRET + " (revised)")
    services.item_move(item=secret_item, expected_revision=None, direction="up")
    _republish(world, published, django_capture_on_commit_callbacks)
    member_mail = _mail_to(world.member)
    # The member learns that Minutes moved from 2 to 3, and nothing of the restricted item.
    assert member_mail is not None
    assert "Minutes of the last meeting is now item 3" in member_mail.body
    assert SECRET not in member_mail.body and "revised" not in member_mail.body
    assert "Restricted item 2" in member_mail.body
    mopac_mail = _mail_to(world.chair)
    assert "revised" in mopac_mail.body


def test_nobody_without_access_is_emailed_about_a_new_restricted_item_only(
    world, published, django_capture_on_commit_callbacks
):
    hidden = add(published, "Case review: child A")
    services.item_restrict(
        item=hidden, expected_revision=None, restricted=True, agencies=[world.mopac]
    )
    _republish(world, published, django_capture_on_commit_callbacks)
    assert _mail_to(world.member) is None
    assert "Case review: child A" in _mail_to(world.chair).body


def test_removed_restricted_item_is_not_named_to_others(
    world, published, secret_item, django_capture_on_commit_callbacks
):
    services.item_delete(item=secret_item, expected_revision=None)
    _republish(world, published, django_capture_on_commit_callbacks)
    member_mail = _mail_to(world.member)
    assert member_mail is None or SECRET not in member_mail.body
    assert "Removed: 3. " + SECRET in _mail_to(world.clerk).body


def test_sending_twice_sends_once(world, published, django_capture_on_commit_callbacks):
    add(published, "Late item")
    version = _republish(world, published, django_capture_on_commit_callbacks)
    sent_before = len(mail.outbox)
    assert send_notice(version, world.member) is False
    from meetings.tasks import send_agenda_notices

    assert send_agenda_notices(version.id) == 0
    assert len(mail.outbox) == sent_before
    assert AgendaNotice.objects.filter(version=version, recipient=world.member).count() == 1


def test_a_failed_send_stays_unsent_for_the_retry(world, published, monkeypatch):
    add(published, "Late item")
    version = agenda_publish(meeting=published, by=world.chair)  # on_commit not run here

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with pytest.raises(ConnectionRefusedError):
        send_notice(version, world.member)
    notice = AgendaNotice.objects.get(version=version, recipient=world.member)
    assert notice.sent_at is None
    monkeypatch.undo()
    assert send_notice(version, world.member) is True
