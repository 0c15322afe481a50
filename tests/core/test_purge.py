"""Submit records and unclaimed drafts are deleted once past their keep periods, daily."""

import datetime
import uuid

import pytest
from django.conf import settings
from django.utils import timezone

from core.models import Draft, Submission
from core.purge import purge_plumbing
from core.tasks import purge_old_plumbing

pytestmark = pytest.mark.django_db


def _aged(model, days: float, **fields):
    row = model.objects.create(**fields)
    model.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    return row


def test_rows_past_their_keep_period_go_and_younger_ones_stay(world):
    keep = settings.SUBMISSION_KEEP_DAYS
    old_submit = _aged(Submission, keep + 1, user=world.clerk, token=uuid.uuid4())
    new_submit = _aged(Submission, keep - 1, user=world.clerk, token=uuid.uuid4())
    old_draft = _aged(Draft, settings.DRAFT_KEEP_DAYS + 1, key=uuid.uuid4(), path="/x/", data={})
    new_draft = _aged(Draft, 0.5, key=uuid.uuid4(), path="/x/", data={"note": "typed"})
    assert purge_plumbing() == (1, 1)
    assert list(Submission.objects.all()) == [new_submit]
    assert list(Draft.objects.all()) == [new_draft]
    assert not Submission.objects.filter(pk=old_submit.pk).exists()
    assert not Draft.objects.filter(pk=old_draft.pk).exists()
    assert purge_plumbing() == (0, 0)


def test_the_beat_runs_the_purge_daily(world):
    entry = settings.CELERY_BEAT_SCHEDULE["purge-old-plumbing"]
    assert entry["task"] == purge_old_plumbing.name == "core.tasks.purge_old_plumbing"
    assert entry["schedule"] == 24 * 3600
    _aged(Draft, settings.DRAFT_KEEP_DAYS + 2, key=uuid.uuid4(), path="/x/", data={})
    assert purge_old_plumbing() == "deleted 0 submit records and 1 drafts"
