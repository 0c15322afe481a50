"""The outbox admin's "send again" goes through outbox.delivery_retry: failed rows only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actions import outbox
from actions.models import Delivery
from tests.actions.test_chasing import TODAY, make_action, sweep_on

pytestmark = pytest.mark.django_db


def _two_rows(world) -> tuple[Delivery, Delivery]:
    make_action(world, 0, owner=world.member)
    make_action(world, 0, owner=world.lead)
    sweep_on(TODAY)
    failed, sent = Delivery.objects.order_by("id")[:2]
    Delivery.objects.filter(pk=failed.pk).update(
        state=Delivery.State.FAILED, attempts=6, last_error="SMTPDataError: 451"
    )
    Delivery.objects.filter(pk=sent.pk).update(state=Delivery.State.SENT)
    return failed, sent


def test_only_failed_rows_go_back_to_pending_with_fresh_attempts(world):
    failed, sent = _two_rows(world)
    assert outbox.delivery_retry(Delivery.objects.all()) == 1
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.state, failed.attempts, failed.queued_at) == (Delivery.State.PENDING, 0, None)
    assert sent.state == Delivery.State.SENT


def test_the_admin_action_sends_failed_rows_again(world, client):
    failed, sent = _two_rows(world)
    admin = type(world.chair).objects.create_superuser("admin@partners.example", "x" * 16)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(
        reverse("admin:actions_delivery_changelist"),
        {"action": "retry_now", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )
    assert "1 deliveries will be sent again." in response.content.decode()
    failed.refresh_from_db()
    assert failed.state == Delivery.State.PENDING
