"""`__any` finds what `__in` finds, on plain fields and foreign keys, with one array parameter on
PostgreSQL whatever the number of values."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import Action

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions(world) -> list[Action]:
    return [
        Action.objects.create(
            committee=world.committee,
            reference=f"MC-{n:04}",
            description="x",
            owning_agency=world.mps if n % 2 else world.mopac,
        )
        for n in range(6)
    ]


@pytest.mark.parametrize("picks", [[], [0], [1, 3, 5], [0, 1, 2, 3, 4, 5]])
def test_any_finds_what_in_finds(actions, picks):
    ids = [actions[n].pk for n in picks] + [10**9]  # one id that is no row
    assert set(Action.objects.filter(pk__any=ids)) == set(Action.objects.filter(pk__in=ids))
    agencies = sorted({actions[n].owning_agency_id for n in picks})
    assert set(Action.objects.filter(owning_agency_id__any=agencies)) == set(
        Action.objects.filter(owning_agency_id__in=agencies)
    )
    assert set(Action.objects.filter(owning_agency__any=agencies)) == set(
        Action.objects.filter(owning_agency__in=agencies)
    )


def test_no_values_find_nothing(actions):
    assert not Action.objects.filter(pk__any=[]).exists()
    assert Action.objects.exclude(pk__any=[]).count() == len(actions)


def test_many_values_are_one_parameter_on_postgresql(actions):
    ids = list(range(1, 20_001))
    with CaptureQueriesContext(connection) as queries:
        found = set(Action.objects.filter(pk__any=ids).values_list("pk", flat=True))
    assert found == {a.pk for a in actions if a.pk <= 20_000}
    sql = queries.captured_queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql and " IN (" not in sql
    else:
        assert " IN (" in sql
