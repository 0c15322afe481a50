"""A paper or evidence file written while its row is saved is removed when the transaction that
saved it rolls back afterwards (core.stored_files; issue #20: nothing half-saved, no file
behind a refused save)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from actions import services as action_services
from actions.models import ActionUpdate
from core.once import Claim
from core.stored_files import files_kept_only_if_saved
from meetings import services as meeting_services
from meetings.models import Paper
from tests.fuzz.state import files
from tests.once import client_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


class Later(Exception):
    """A step after the file was stored fails, and the whole transaction rolls back."""


def _files(folder: str) -> set[str]:
    return {name for name in files() if name.startswith(f"{folder}/")}


def _action(world, meeting):
    action, _ = action_services.action_create(
        by=world.clerk,
        committee=world.committee,
        meeting=meeting,
        agenda_item=meeting.items.get(title="Minutes of the last meeting"),
        description="Write to the Committee with the referral figures",
        owning_agency=world.mps,
    )
    return action


def test_a_paper_whose_transaction_rolls_back_leaves_no_file(world, meeting):
    item = meeting.items.get(title="Any other business")
    before = _files("papers")
    with files_kept_only_if_saved(), pytest.raises(Later), transaction.atomic():
        paper = meeting_services.paper_add(
            item=item, upload=SimpleUploadedFile("report.pdf", PDF), by=world.clerk
        )
        assert default_storage.exists(paper.file.name)
        raise Later
    assert not Paper.objects.exists()
    assert _files("papers") == before
    assert not default_storage.exists(paper.file.name)


def test_a_paper_saved_keeps_its_file(world, meeting):
    item = meeting.items.get(title="Any other business")
    with files_kept_only_if_saved(), transaction.atomic():
        paper = meeting_services.paper_add(
            item=item, upload=SimpleUploadedFile("report.pdf", PDF), by=world.clerk
        )
    assert default_storage.exists(paper.file.name)
    paper.file.delete(save=False)


def test_evidence_whose_transaction_rolls_back_leaves_no_file(world, meeting):
    action = _action(world, meeting)
    with files_kept_only_if_saved(), pytest.raises(Later), transaction.atomic():
        update = action_services.action_update(
            by=world.clerk,
            action=action,
            note="The letter",
            evidence=SimpleUploadedFile("letter.pdf", PDF),
        )
        name = update.evidence.name
        assert default_storage.exists(name)
        raise Later
    assert not ActionUpdate.objects.filter(evidence=name).exists()
    assert not default_storage.exists(name)


def _fail_after_saving(monkeypatch) -> None:
    """The step after the create (recording where it led) is refused: the view's `once` block
    rolls back the row the service saved in its own, committed-looking, inner block."""

    def refuse(self, *args, **kwargs):
        raise ValidationError("Refused after the file was stored.")

    monkeypatch.setattr(Claim, "redirect", refuse)


def test_a_paper_upload_refused_after_its_file_was_stored_leaves_no_file(
    world, meeting, monkeypatch
):
    item = meeting.items.get(title="Any other business")
    client = client_for(world.chair)
    before = _files("papers")
    _fail_after_saving(monkeypatch)
    upload = SimpleUploadedFile("report.pdf", PDF)
    response = client.post(reverse("meetings:paper_add", args=[item.pk]), {"upload": upload})
    assert response.status_code == 400
    assert not Paper.objects.exists()
    assert _files("papers") == before


def test_evidence_refused_after_its_file_was_stored_leaves_no_file(world, meeting, monkeypatch):
    action = _action(world, meeting)
    client = client_for(world.clerk)
    before = files()
    _fail_after_saving(monkeypatch)
    response = client.post(
        reverse("actions:update", args=[action.pk]),
        {"note": "The letter", "evidence": SimpleUploadedFile("letter.pdf", PDF)},
    )
    assert response.status_code == 400
    assert not ActionUpdate.objects.filter(action=action).exclude(evidence="").exists()
    assert files() == before
