"""The public record stays up six years after the meeting, background papers four; the daily
job marks what may be removed from its day on and removes nothing (#17)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import RestrictedRead
from meetings import services
from meetings.models import Meeting, Paper
from public_pages.models import RemovableRecord
from public_pages.retention import mark_removable, removable_on, years_after
from public_pages.tasks import mark_public_records_removable
from tests.agenda_fixtures import at
from tests.factories import CommitteeFactory, UserFactory

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


def _marked_world(scene, world):
    """The scene's meeting six years on (its record and papers marked, a background paper among
    them), and another public committee's meeting marked too: its clerk is not ours."""
    background = paper(scene.public_item, "context.pdf", "Context of the plan", world.clerk)
    Paper.objects.filter(pk=background.pk).update(is_background=True)
    other = CommitteeFactory(name="Other Board", short_name="other-board", host=world.cps)
    other.is_public = True
    other.save()
    other_clerk = UserFactory(full_name="Other Clerk")
    other.secretariat.add(other_clerk)
    day = timezone.localtime(scene.meeting.starts_at).date()
    services.meeting_create(
        committee=other,
        title="Other Board meeting",
        starts_at=at(day, "14:00"),
        ends_at=at(day, "15:00"),
        use_template=False,
    )
    mark_removable(years_after(day, 6))
    return day, background, other, other_clerk


def test_the_officers_page_lists_their_committees_marks_with_date_and_rule(scene, world, signed_in):
    day, _, _, _ = _marked_world(scene, world)
    page = signed_in(world.clerk).get(
        reverse("public_records:removable", args=[world.committee.short_name])
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Agenda and minutes" in text and "Paper: The plan, 2026 update" in text
    assert "Paper: Context of the plan" in text
    assert f"{removable_on(day):%-d %B %Y}" in text
    assert f"{removable_on(day, background=True):%-d %B %Y}" in text
    assert "Agenda, minutes and papers: 6 years after the meeting" in text
    assert "Background paper: 4 years after the meeting" in text
    assert "Nothing is removed automatically" in text
    assert "Other Board meeting" not in text  # another committee's marks are not listed
    # The exempt item's paper is its officers' to see, and is flagged as exempt.
    assert "Paper: Named suspects" in text and "Exempt item" in text
    read = RestrictedRead.objects.get(reader=world.clerk, surface="public_records:removable")
    assert read.object_id == scene.exempt_paper.pk
    # The committee page links officers to it.
    committee_page = signed_in(world.clerk).get(world.committee.get_absolute_url())
    assert reverse("public_records:removable", args=[world.committee.short_name]) in (
        committee_page.content.decode()
    )


def test_only_the_committees_officers_reach_the_page(scene, world, signed_in, client):
    _, _, other, other_clerk = _marked_world(scene, world)
    url = reverse("public_records:removable", args=[world.committee.short_name])
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "sign-in" in anonymous["Location"]
    for person in (world.chair, world.clerk):
        assert signed_in(person).get(url).status_code == 200, person
    for person in (world.lead, world.member, world.manager, world.outsider, other_clerk):
        response = signed_in(person).get(url)
        assert response.status_code == 404, person
        assert "Named suspects" not in response.content.decode()
    # The other committee's clerk reads only their own committee's marks.
    own = signed_in(other_clerk).get(reverse("public_records:removable", args=[other.short_name]))
    assert own.status_code == 200
    assert "Other Board meeting" in own.content.decode()
    assert "The plan, 2026 update" not in own.content.decode()
    assert signed_in(world.clerk).post(url).status_code == 405  # a page to read, nothing to post


def test_the_admin_lists_the_marks_read_only_for_superusers(scene, world, client):
    day, background, _, _ = _marked_world(scene, world)
    marks = RemovableRecord.objects.count()
    root = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(root, backend="django.contrib.auth.backends.ModelBackend")
    listing = client.get("/admin/public_pages/removablerecord/")
    assert listing.status_code == 200
    assert len(listing.context["cl"].result_list) == marks == 5
    text = listing.content.decode()
    assert "Background paper: 4 years after the meeting" in text and "Other Board" in text
    # An exempt item's paper is not named in the admin (the officers' page names it, logged).
    assert "Named suspects" not in text and "A paper of an exempt item" in text
    background_only = client.get("/admin/public_pages/removablerecord/?kind=background")
    assert [r.paper_id for r in background_only.context["cl"].result_list] == [background.pk]
    records = client.get("/admin/public_pages/removablerecord/?kind=record")
    assert {r.meeting_id for r in records.context["cl"].result_list} >= {scene.meeting.pk}
    searched = client.get("/admin/public_pages/removablerecord/?q=Context")
    assert [r.paper_id for r in searched.context["cl"].result_list] == [background.pk]
    since = removable_on(day, background=True)
    dated = client.get(
        "/admin/public_pages/removablerecord/"
        f"?removable_since__year={since.year}&removable_since__month={since.month}"
        f"&removable_since__day={since.day}"
    )
    assert [r.paper_id for r in dated.context["cl"].result_list] == [background.pk]
    mark = RemovableRecord.objects.get(paper=background)
    change = f"/admin/public_pages/removablerecord/{mark.pk}/change/"
    assert client.get(change).status_code == 200
    assert client.post(change, {"removable_since": "2000-01-01"}).status_code == 403
    delete = f"/admin/public_pages/removablerecord/{mark.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get("/admin/public_pages/removablerecord/add/").status_code == 403
    assert RemovableRecord.objects.count() == marks

    # Staff who are not superusers, even holding the model's view permission, are refused.
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_removablerecord"))
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/admin/public_pages/removablerecord/").status_code == 403
    assert client.get(change).status_code == 403
    for person in (world.clerk, world.chair):  # not staff: sent to the admin's sign-in
        client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
        assert client.get("/admin/public_pages/removablerecord/").status_code == 302
    client.logout()
    assert client.get("/admin/public_pages/removablerecord/").status_code == 302
