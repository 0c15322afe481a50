"""The search page's query count does not grow with the number of results."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions import services as action_services
from meetings import services
from tests.agenda_fixtures import add

pytestmark = pytest.mark.django_db


def _grow(world, meeting, n: int) -> None:
    for i in range(n):
        item = add(meeting, f"Lantern review {i}", description="Lantern")
        services.paper_add(
            item=item,
            upload=SimpleUploadedFile(f"lantern-{i}.txt", b"Lantern figures"),
            title=f"Lantern paper {i}",
            by=world.clerk,
        )
        action_services.action_create(
            by=world.clerk,
            committee=world.committee,
            meeting=meeting,
            agenda_item=item,
            description=f"Light the lantern {i}",
            owning_agency=world.mps,
        )


def _count(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/search/", {"q": "lantern"})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["member", "chair"])
def test_query_count_does_not_grow_with_results(world, meeting, signed_in, who):
    client = signed_in(getattr(world, who))
    _grow(world, meeting, 2)
    few = _count(client)
    _grow(world, meeting, 6)
    many = _count(client)
    assert many == few, (few, many)
    page = client.get("/search/", {"q": "lantern"}).content.decode()
    assert "Agenda items (8)" in page and "Papers (8)" in page and "Actions (8)" in page
    assert page.count('class="app-result"') == 20  # one page of 24 results
