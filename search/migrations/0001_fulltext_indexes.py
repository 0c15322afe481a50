"""GIN expression indexes for full-text search, on PostgreSQL only.

The embedded SQLite default searches with a plain `icontains` fallback and gets no index. The
indexes live here, with search, and are built from search.vectors so that the index expression is
exactly the one the queries use (tests/search/test_indexes.py checks the planner uses them).
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from search.vectors import INDEXED, index_name, vector


def _each(apps):
    for kind, (app_label, model_name, _, _) in INDEXED.items():
        yield apps.get_model(app_label, model_name), GinIndex(vector(kind), name=index_name(kind))


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _each(apps):
        schema_editor.add_index(model, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _each(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_paper_text"),
        ("minutes", "0001_initial"),
        ("actions", "0008_not_possible_revision_and_change_history"),
    ]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
