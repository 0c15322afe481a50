"""make run's first sweep: the demo's actions give reminders and escalations at once."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from actions.models import Delivery, Notification

pytestmark = pytest.mark.django_db


def test_loading_the_demo_sends_reminders_and_an_escalation(django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", password="x-demo-password", stdout=out)
    assert "Chasing sweep:" in out.getvalue()
    levels = set(Notification.objects.values_list("level", flat=True))
    assert levels == {
        Notification.Level.OWNER,
        Notification.Level.MANAGERS,
        Notification.Level.OFFICERS,
    }
    sent = Delivery.objects.filter(state=Delivery.State.SENT)
    assert sent.filter(digest=False).exists() and sent.filter(digest=True).exists()
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("Unassigned action") for s in subjects)
    assert any("overdue" in s for s in subjects)
    assert any(s.startswith("Overdue actions:") for s in subjects)
    # Loading again writes and sends nothing new.
    before = (Notification.objects.count(), len(mail.outbox))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", password="x-demo-password", stdout=StringIO())
    assert (Notification.objects.count(), len(mail.outbox)) == before
