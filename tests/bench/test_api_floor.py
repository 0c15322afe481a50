"""The API's action list in the benchmark: its page and its floor view list the same rows."""

from __future__ import annotations

import pytest

from agencies.models import User
from bench import run
from bench.generate import BIG_AGENCY
from bench.runner import loading
from tests.bench.test_bench import dataset  # noqa: F401 (a fixture)


@pytest.mark.urls("bench.urls")
def test_the_api_page_and_its_floor_list_the_same_rows(dataset, signed_in):  # noqa: F811
    _, found = dataset
    lead = signed_in(User.objects.get(pk=found.lead))
    page = lead.get(f"/api/v1/actions/?agency={BIG_AGENCY}")
    floor = lead.get(f"/bench/floor/api-actions/?agency={found.big_agency}")
    assert page.status_code == floor.status_code == 200
    rows = run.count_rows("api_actions", page.content.decode())
    assert rows == run.count_rows("api_actions", floor.content.decode()) == 50
    # The floor serialises the API's fields.
    assert set(floor.json()["rows"][0]) == set(page.json()["results"][0])
    names = [p.name for p in loading.pages(found)]
    assert "api_actions" in names
