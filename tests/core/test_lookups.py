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


def test_ids_of_an_integer_column_are_one_typed_literal_on_postgresql(actions):
    """psycopg dumps a list element by element; ids go as one text literal, cast."""
    ids = [a.pk for a in actions[:3]]
    with CaptureQueriesContext(connection) as queries:
        by_pk = set(Action.objects.filter(pk__any=ids).values_list("pk", flat=True))
        references = Action.objects.filter(reference__any=["MC-0001", "MC-0002"])
        by_reference = set(references.values_list("pk", flat=True))
    assert by_pk == set(ids)
    assert by_reference == {actions[1].pk, actions[2].pk}
    if connection.vendor == "postgresql":
        pk_sql = queries.captured_queries[0]["sql"]
        assert "::bigint[]" in pk_sql and "{" + ",".join(map(str, ids)) + "}" in pk_sql
        # Text stays a list psycopg dumps as text[]: no integer cast on a text column.
        assert "::bigint[]" not in queries.captured_queries[1]["sql"]
