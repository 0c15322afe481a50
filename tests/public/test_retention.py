"""The public record stays up six years after the meeting, background papers four; the daily
job marks what may be removed from its day on and removes nothing (#17)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from meetings.models import Meeting, Paper
from public_pages.models import RemovableRecord
from public_pages.retention import mark_removable, removable_on, years_after
from public_pages.tasks import mark_public_records_removable

from .conftest import paper

pytestmark = pytest.mark.django_db


def test_years_after_keeps_the_day_or_the_end_of_february():
    assert years_after(date(2020, 5, 7), 6) == date(2026, 5, 7)
    assert years_after(date(2024, 2, 29), 6) == date(2030, 2, 28)
    assert removable_on(date(2021, 1, 10), background=True) == date(2025, 1, 10)


def _marked() -> set[tuple[str, int]]:
    return {
        ("meeting", r.meeting_id) if r.meeting_id else ("paper", r.paper_id)
        for r in RemovableRecord.objects.all()
    }


def test_the_job_marks_on_the_day_and_never_before(scene, world):
    background = paper(scene.public_item, "context.pdf", "Background", world.clerk)
    Paper.objects.filter(pk=background.pk).update(is_background=True)
    day = scene.meeting.starts_at.date()
    ids = {"meeting": scene.meeting.pk, "public": scene.public_paper.pk, "bg": background.pk}
    papers_before = Paper.objects.count()

    assert mark_removable(years_after(day, 4) - timedelta(days=1)) == (0, 0)
    assert mark_removable(years_after(day, 4)) == (0, 1)
    assert _marked() == {("paper", ids["bg"])}
    assert mark_removable(years_after(day, 6) - timedelta(days=1)) == (0, 0)
    meetings, papers = mark_removable(years_after(day, 6))
    assert meetings == 1 and papers == 2  # the public paper and the exempt item's paper
    assert ("meeting", ids["meeting"]) in _marked() and ("paper", ids["public"]) in _marked()
    # Marked once; nothing removed.
    assert mark_removable(years_after(day, 7)) == (0, 0)
    assert Paper.objects.count() == papers_before
    assert Meeting.objects.filter(pk=ids["meeting"]).exists()


def test_only_public_committees_records_are_marked(scene, world):
    world.committee.is_public = False
    world.committee.save()
    assert mark_removable(years_after(scene.meeting.starts_at.date(), 10)) == (0, 0)


def test_the_beat_task_runs_the_job(scene):
    assert mark_public_records_removable() == "marked 0 meetings' records and 0 papers as removable"


def test_a_paper_is_uploaded_as_background_from_the_item_page(scene, world, signed_in):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from core.once import new_token

    client = signed_in(world.clerk)
    url = reverse("meetings:paper_add", args=[scene.public_item.pk])
    upload = SimpleUploadedFile("context.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    form = {
        "title": "Context",
        "upload": upload,
        "is_background": "on",
        "submit_token": new_token(),
    }
    assert client.post(url, form).status_code == 302
    assert Paper.objects.get(title="Context").is_background
