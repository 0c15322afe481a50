"""What is indexed for search, kind by kind, and the one expression each is indexed by.

Each searchable table gets a GIN *expression* index over `to_tsvector('english', ...)` of its own
columns (search/migrations), rather than a stored search-vector column. Why: an expression index
is kept up to date by PostgreSQL itself on every write, so none of the many services that write
titles, narratives or descriptions (and none added later) has to remember to refresh a vector,
and no trigger or signal is needed. The price is recomputing the vector of the matched rows to
rank them, which the rank query pays only for the matches. The query and the index must use the
same expression for the planner to use the index, so both are built here.

Only an object's own columns are indexed: a meeting is found by its title and place, never by the
words of its items, so a restricted item's words cannot surface as a snippet of another object.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db.models import Expression

CONFIG = "english"

# kind -> (app label, model name, title column (weight A), body columns (weight B)).
INDEXED: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "committee": ("meetings", "Committee", "name", ("description",)),
    "meeting": ("meetings", "Meeting", "title", ("location",)),
    "item": ("meetings", "AgendaItem", "title", ("description", "recommendation")),
    "paper": ("meetings", "Paper", "title", ("text",)),
    "minutes": ("minutes", "Minute", "narrative", ()),
    "resolution": ("minutes", "Resolution", "text", ()),
    "action": ("actions", "Action", "description", ("reference",)),
}


def vector_of(title: str, body: tuple[str, ...]) -> Expression:
    """The weighted English search vector of a title and its body columns."""
    head = SearchVector(title, weight="A", config=CONFIG)
    if not body:
        return head
    return head + SearchVector(*body, weight="B", config=CONFIG)


def vector(kind: str) -> Expression:
    """The search vector of one indexed kind (the expression its GIN index is built on)."""
    _, _, title, body = INDEXED[kind]
    return vector_of(title, body)


def index_name(kind: str) -> str:
    """The name of the GIN index of one kind."""
    return f"search_{kind}_fts"
