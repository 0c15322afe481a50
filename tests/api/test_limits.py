"""Pagination, throttling, and list queries that do not grow with rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from actions import services as action_services
from meetings import services as meeting_services
from tests.security.world import PDF_BYTES, SecurityWorld

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/actions/", "/api/v1/items/", "/api/v1/meetings/", "/api/v1/committees/"]


def grow(w: SecurityWorld, n: int) -> None:
    """n more actions (co-owned, with notes, half on the restricted item) and n more items
    with papers, some restricted, some on a new meeting."""
    clerk = w.users["clerk"]
    for i in range(n):
        item = meeting_services.item_create(
            meeting=w.next_meeting, expected_revision=None, title=f"Grown {i}"
        )
        meeting_services.paper_add(
            item=item,
            upload=SimpleUploadedFile(f"p{i}.pdf", PDF_BYTES, content_type="application/pdf"),
            title=f"Paper {i}",
            by=clerk,
        )
        if i % 2:
            meeting_services.item_restrict(
                item=item,
                expected_revision=None,
                restricted=True,
                agencies=[w.sl],
                exempt_paragraph=7,  # the world's committee meets in public
            )
        action, _ = action_services.action_create(
            by=clerk,
            committee=w.committee,
            meeting=w.next_meeting,
            agenda_item=item,
            description=f"Grown action {i}",
            owning_agency=w.sl if i % 2 else w.mps,
            owner=w.users["lead"] if not i % 2 else None,
            co_agencies=[] if i % 2 else [w.mopac],
            due_date=timezone.localdate() - timedelta(days=i),
        )
        action_services.action_update(by=clerk, action=action, note=f"Note {i}")
    meeting_services.meeting_create(
        committee=w.committee,
        title=f"Grown meeting {n}",
        starts_at=timezone.now() + timedelta(days=50 + n),
        ends_at=timezone.now() + timedelta(days=50 + n, hours=1),
        location="",
        use_template=False,
    )


def queries(client: APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        answer = client.get(url)
    assert answer.status_code == 200, answer.content
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["chair", "member", "granted"])
def test_list_queries_do_not_grow_with_rows(sworld: SecurityWorld, as_persona, persona):
    client = as_persona(persona)
    grow(sworld, 2)
    before = {url: queries(client, url) for url in LISTS}
    grow(sworld, 8)
    after = {url: queries(client, url) for url in LISTS}
    assert after == before
    # The lists did grow.
    assert client.get("/api/v1/actions/").json()["count"] > 5


def test_pages_of_actions(sworld: SecurityWorld, as_persona):
    grow(sworld, 6)
    client = as_persona("chair")
    first = client.get("/api/v1/actions/?page_size=4").json()
    assert first["count"] == 9 and len(first["results"]) == 4 and first["previous"] is None
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    assert len(third["results"]) == 1 and third["next"] is None
    seen = [row["id"] for page in (first, second, third) for row in page["results"]]
    assert len(set(seen)) == 9
    # The default page is 50 rows; at most 200 may be asked for.
    assert len(client.get("/api/v1/actions/?page_size=1000").json()["results"]) == 9


def test_counts_hide_what_the_person_may_not_see(sworld: SecurityWorld, as_persona):
    grow(sworld, 4)
    member = as_persona("member").get("/api/v1/actions/?page_size=1").json()
    chair = as_persona("chair").get("/api/v1/actions/?page_size=1").json()
    # Two of the four grown actions are on restricted items the MPS is not granted.
    assert chair["count"] == 7 and member["count"] == 3


def test_throttled_per_person_and_per_address(sworld: SecurityWorld, as_persona, settings):
    settings.API_THROTTLE_RATES = {"user": "3/minute", "anon": "2/minute"}
    member, chair = as_persona("member"), as_persona("chair")
    assert [member.get("/api/v1/committees/").status_code for _ in range(4)] == [200] * 3 + [429]
    refused = member.get("/api/v1/committees/")
    assert refused.status_code == 429 and "throttled" in refused.json()["detail"]
    assert int(refused["Retry-After"]) > 0
    # Another person has their own allowance.
    assert chair.get("/api/v1/committees/").status_code == 200
    anonymous = [APIClient().get("/api/v1/committees/").status_code for _ in range(3)]
    assert anonymous == [401, 401, 429]
