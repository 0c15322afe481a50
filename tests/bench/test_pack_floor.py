"""The agenda pack in the benchmark: its page and its floor view print the same agenda."""

from __future__ import annotations

import pytest

from agencies.models import User
from bench import run
from bench.runner import loading
from tests.bench.test_bench import dataset  # noqa: F401 (a fixture)


@pytest.mark.urls("bench.urls")
def test_the_pack_and_its_floor_are_pdfs_of_the_same_meeting(dataset, signed_in):  # noqa: F811
    _, found = dataset
    member = signed_in(User.objects.get(pk=found.member))
    page = member.get(f"/meetings/{found.measured_meeting}/agenda.pdf")
    floor = member.get(f"/bench/floor/pack/{found.measured_meeting}/")
    assert page.status_code == floor.status_code == 200
    assert page["Content-Type"] == floor["Content-Type"] == "application/pdf"
    body = b"".join(page.streaming_content) if page.streaming else page.content
    pages = run.count_rows("pack", body.decode("utf-8", errors="replace"))
    floor_pages = run.count_rows("pack", floor.content.decode("utf-8", errors="replace"))
    # The floor prints every item, the member's pack only those they may see: never more.
    assert 0 < pages <= floor_pages
    assert "pack" in [p.name for p in loading.pages(found)]


@pytest.mark.urls("bench.urls")
def test_the_pack_floor_needs_someone_signed_in(client, db):
    assert client.get("/bench/floor/pack/1/").status_code in (302, 404)
