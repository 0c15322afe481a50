"""On PostgreSQL, every kind's match runs on its GIN expression index (the query's expression is
the index's), and a restricted item's words are in no other object's index."""

from __future__ import annotations

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from meetings.models import AgendaItem, Committee, Meeting, Paper
from search.vectors import CONFIG, INDEXED, index_name, vector

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("full-text indexes exist on PostgreSQL only")


@pytest.mark.parametrize("kind", sorted(INDEXED))
def test_each_kind_is_matched_through_its_index(postgres, kind):
    from django.apps import apps

    app_label, model_name, _, _ = INDEXED[kind]
    model = apps.get_model(app_label, model_name)
    query = SearchQuery("lantern", search_type="websearch", config=CONFIG)
    rows = model._default_manager.annotate(document=vector(kind)).filter(document=query)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = rows.explain()
    assert index_name(kind) in plan, plan


def test_a_meeting_and_its_committee_index_only_their_own_columns():
    # The words of items (restricted or not) can never be found through their meeting.
    assert INDEXED["meeting"][2:] == ("title", ("location",))
    assert INDEXED["committee"][2:] == ("name", ("description",))
    assert {Meeting, Committee, AgendaItem, Paper}  # the models the index names exist
