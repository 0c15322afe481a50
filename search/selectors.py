"""One search over everything a person may see, ranked, paginated and highlighted.

Two steps whatever the number of results. First, for each kind, the ids and ranks of its matches
among the rows the person may see (search.sources; at most MAX_HITS per kind), merged into one
ranked list and paginated. Then, for the page only, the rows themselves with their highlighted
headings and snippets, one query per kind on the page. PostgreSQL ranks with full-text search
(search.vectors); the embedded SQLite default matches every word with `icontains` over the same
columns, under the same access rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import SafeString

from agencies.models import User
from minutes.models import Minute, Resolution

from .highlight import Markers, plain_highlight
from .sources import MODELS, SOURCES, TITLES
from .vectors import CONFIG, INDEXED, vector

MAX_HITS = 500
PAGE_SIZE = 20
MAX_WORDS = 12
# The column each kind's heading is shown from, and the columns its snippet is cut from.
HEADING = {
    "committee": "name",
    "meeting": "title",
    "item": "title",
    "minutes": "",
    "action": "reference",
    "paper": "title",
}
SNIPPET = {
    "committee": ("description",),
    "meeting": ("location",),
    "item": ("description", "recommendation"),
    "minutes": ("narrative",),
    "action": ("description",),
    "paper": ("text",),
}


@dataclass
class Result:
    """One thing found: what it is, where it leads, and its highlighted words."""

    kind: str
    label: str
    heading: SafeString
    snippet: SafeString
    context: str
    url: str
    obj: Model


@dataclass
class SearchResults:
    """A page of results, with how many of each kind the person may see matched."""

    text: str
    kind: str
    counts: dict[str, int] = field(default_factory=dict)
    capped: set[str] = field(default_factory=set)
    page: Page | None = None
    results: list[Result] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Matches of the kind shown (of every kind when none is chosen)."""
        if self.kind:
            return self.counts.get(self.kind, 0)
        return sum(self.counts.values())


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)[:MAX_WORDS]


def _resolutions_matching(query: SearchQuery) -> QuerySet:
    document = vector("resolution")
    return Resolution.objects.annotate(document=document).filter(document=query)


def _hits_postgres(kind: str, rows: QuerySet, query: SearchQuery) -> list[tuple[float, int]]:
    document = vector(kind)
    match = Q(document=query)
    if kind == "minutes":
        # A minute is found by its resolutions too (each indexed on its own table).
        match |= Q(pk__in=_resolutions_matching(query).values("minute_id"))
    found = (
        rows.annotate(document=document)
        .filter(match)
        .annotate(rank=SearchRank(document, query))
        .order_by("-rank", "-pk")
        .values_list("rank", "pk")
    )
    return list(found[: MAX_HITS + 1])


def _word_q(kind: str, word: str) -> Q:
    _, _, title, body = INDEXED[kind]
    q = Q()
    for column in (title, *body):
        q |= Q(**{f"{column}__icontains": word})
    if kind == "minutes":
        q |= Q(pk__in=Resolution.objects.filter(text__icontains=word).values("minute_id"))
    return q


def _hits_plain(kind: str, rows: QuerySet, words: list[str]) -> list[tuple[float, int]]:
    if not words:
        return []
    for word in words:
        rows = rows.filter(_word_q(kind, word))
    title = INDEXED[kind][2]
    rank = Case(
        When(Q(**{f"{title}__icontains": words[0]}), then=Value(1.0)),
        default=Value(0.5),
        output_field=FloatField(),
    )
    found = rows.annotate(rank=rank).order_by("-rank", "-pk").values_list("rank", "pk")
    return list(found[: MAX_HITS + 1])


NEWLINE = Value("\n", output_field=TextField())


def _snippet_source(kind: str) -> Concat | F:
    columns = SNIPPET[kind]
    parts: list = [F(columns[0])]
    for column in columns[1:]:
        parts += [NEWLINE, F(column)]
    if kind == "minutes":
        texts = (
            Resolution.objects.filter(minute=OuterRef("pk"))
            .order_by()
            .values("minute")
            .annotate(all=StringAgg("text", "\n"))
            .values("all")
        )
        parts += [NEWLINE, Coalesce(Subquery(texts), Value("", output_field=TextField()))]
    return Concat(*parts, output_field=TextField()) if len(parts) > 1 else parts[0]


def _rows_postgres(kind: str, ids: list[int], text: str, markers: Markers) -> list[Result]:
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    source = SOURCES[kind]
    rows = MODELS[kind]._default_manager.filter(pk__in=ids).select_related(*source.related)
    rows = rows.annotate(
        snippet_hl=SearchHeadline(
            _snippet_source(kind),
            query,
            config=CONFIG,
            start_sel=markers.start,
            stop_sel=markers.stop,
            max_fragments=2,
            max_words=30,
            min_words=12,
            fragment_delimiter=" … ",
        )
    )
    if HEADING[kind]:
        rows = rows.annotate(
            heading_hl=SearchHeadline(
                HEADING[kind],
                query,
                config=CONFIG,
                start_sel=markers.start,
                stop_sel=markers.stop,
                highlight_all=True,
            )
        )
    results = []
    for row in rows:
        heading = markers.to_html(row.heading_hl) if HEADING[kind] else escape(TITLES[kind](row))
        results.append(_result(kind, row, heading, markers.to_html(row.snippet_hl)))
    return results


def _rows_plain(kind: str, ids: list[int], text: str) -> list[Result]:
    words = _words(text)
    source = SOURCES[kind]
    rows = MODELS[kind]._default_manager.filter(pk__in=ids).select_related(*source.related)
    if kind == "minutes":
        rows = rows.prefetch_related("resolutions")
    results = []
    for row in rows:
        body = "\n".join(getattr(row, column) or "" for column in SNIPPET[kind])
        if isinstance(row, Minute):
            body += "\n" + "\n".join(r.text for r in row.resolutions.all())
        heading_text = getattr(row, HEADING[kind]) if HEADING[kind] else TITLES[kind](row)
        heading = plain_highlight(heading_text, words, whole=True)
        results.append(_result(kind, row, heading, plain_highlight(body, words)))
    return results


def _result(kind: str, row: Model, heading: SafeString, snippet: SafeString) -> Result:
    source = SOURCES[kind]
    return Result(
        kind=kind,
        label=source.label,
        heading=heading,
        snippet=snippet,
        context=source.context(row),
        url=source.link(row),
        obj=row,
    )


def search(user: User, text: str, kind: str = "", page: str | int | None = None) -> SearchResults:
    """The page `page` of what `user` may see matching `text` (of one kind, or all)."""
    return search_rows(lambda name: SOURCES[name].visible(user), text, kind, page)


def search_rows(
    rows_of: Callable[[str], QuerySet], text: str, kind: str = "", page: str | int | None = None
) -> SearchResults:
    """The search over the rows `rows_of(kind)` gives for each kind: `search` gives it the
    person's visible rows; the benchmark's floor view every row."""
    found = SearchResults(text=text, kind=kind)
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    words = _words(text)
    ranked: list[tuple[float, int, int, str]] = []
    for order, name in enumerate(SOURCES):
        rows = rows_of(name)
        hits = _hits_postgres(name, rows, query) if _postgres() else _hits_plain(name, rows, words)
        if len(hits) > MAX_HITS:
            found.capped.add(name)
            hits = hits[:MAX_HITS]
        found.counts[name] = len(hits)
        if not kind or kind == name:
            ranked += [(-rank, order, -pk, name) for rank, pk in hits]
    ranked.sort()
    found.page = Paginator(ranked, PAGE_SIZE).get_page(page)
    wanted: dict[str, list[int]] = {}
    for _, _, negative_pk, name in found.page.object_list:
        wanted.setdefault(name, []).append(-negative_pk)
    markers = Markers.fresh()
    by_key: dict[tuple[str, int], Result] = {}
    for name, ids in wanted.items():
        shown: list[Result] = (
            _rows_postgres(name, ids, text, markers)
            if _postgres()
            else _rows_plain(name, ids, text)
        )
        by_key.update({(name, r.obj.pk): r for r in shown})
    keys = [(name, -negative_pk) for _, _, negative_pk, name in found.page.object_list]
    found.results = [by_key[key] for key in keys if key in by_key]
    return found
