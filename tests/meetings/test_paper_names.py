"""Papers: a refused upload writes nothing; names are cleaned for display, random on disk."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services

pytestmark = pytest.mark.django_db


def _stored_files() -> list[str]:
    found = []

    def walk(folder: str) -> None:
        if not default_storage.exists(folder):
            return
        dirs, files = default_storage.listdir(folder)
        found.extend(f"{folder}/{f}" for f in files)
        for d in dirs:
            walk(f"{folder}/{d}")

    walk("papers")
    return found


@pytest.fixture
def item(meeting):
    return meeting.items.get(title="Minutes of the last meeting")


def test_a_long_traversing_bidi_name_is_cleaned_and_stored_at_random(item):
    name = "../../" + "r" * 240 + "\u202etxt.exe.txt"
    paper = services.paper_add(item=item, upload=SimpleUploadedFile(name, b"Agenda notes\n"))
    assert len(paper.title) <= 200 and "/" not in paper.title and "\u202e" not in paper.title
    assert paper.title.endswith(".txt")
    stored = paper.file.name.rsplit("/", 1)[-1]
    assert len(stored) == 36 and stored.endswith(".txt")
    assert services.paper_file_name(paper) == paper.title


def test_a_text_paper_with_a_nul_is_refused_and_nothing_is_written(item):
    before = _stored_files()
    upload = SimpleUploadedFile("notes.txt", b"x" * 20_000 + b"\x00")
    with pytest.raises(ValidationError):
        services.paper_add(item=item, upload=upload)
    assert _stored_files() == before
    assert not item.papers.exists()


def test_a_paper_refused_by_the_model_writes_nothing(item, monkeypatch):
    before = _stored_files()
    with pytest.raises(ValidationError):
        # A title over the model's limit (the form refuses it first; the service must too).
        services.paper_add(item=item, upload=SimpleUploadedFile("a.txt", b"ok\n"), title="t" * 300)
    assert _stored_files() == before


def test_the_paper_downloads_under_its_shown_name(world, item, signed_in):
    paper = services.paper_add(item=item, upload=SimpleUploadedFile("Budget 2027.txt", b"1,2\n"))
    response = signed_in(world.chair).get(reverse("meetings:paper", kwargs={"pk": paper.pk}))
    assert 'filename="Budget 2027.txt"' in response["Content-Disposition"]
