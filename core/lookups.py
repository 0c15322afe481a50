"""`field__any=ids`: a long list of ids as ONE array parameter on PostgreSQL.

Django writes `field__in=ids` as `IN (%s, %s, ...)`, one placeholder per id, and prepares each
id on the way: a London chasing sweep's few hundred lists of 5,000 ids spent about a third of
its Python time there (Django's per-value preparation, then psycopg splitting the long query
string). `= ANY(%s)` with the list bound once does the same work in PostgreSQL, which uses the
same indexes for it. Elsewhere (SQLite, the embedded default) it is the ordinary IN.

Whole numbers for an integer column are bound as one text literal, '{1,2,3}'::bigint[]: psycopg
dumps a Python list element by element, with a regular expression per element (a page's dozen
lists of a Met lead's 300 committees cost 5 ms of it).
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, ForeignObject, Lookup
from django.db.models.sql.compiler import SQLCompiler

INTEGER_TYPES = ("smallint", "integer", "bigint")


class AnyOf(Lookup):
    """The column's value is one of these (ids or other plain values ready for the database)."""

    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[Any]:
        """The values as they are: they are ids already, and preparing each was the cost."""
        return list(self.rhs)

    def as_sql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, list[Any]]:
        """`lhs = ANY(%s)` on PostgreSQL, `lhs IN (...)` elsewhere; nothing matches no values."""
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if connection.vendor == "postgresql":
            column_type = self.lhs.output_field.db_type(connection)
            if column_type in INTEGER_TYPES and all(type(v) is int for v in values):
                literal = "{" + ",".join(map(str, values)) + "}"
                return f"{lhs} = ANY(%s::{column_type}[])", [*lhs_params, literal]
            return f"{lhs} = ANY(%s)", [*lhs_params, values]
        if not values:
            return "1 = 0", list(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]


def register() -> None:
    """Make `__any` available on every field and foreign key (the app's ready() calls this
    once; foreign keys keep lookups of their own)."""
    Field.register_lookup(AnyOf)
    ForeignObject.register_lookup(AnyOf)
