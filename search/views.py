"""The search page: /search/?q=words[&kind=item][&page=2]."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render

from agencies.http import SignedInRequest
from audit.services import record_reads
from audit.targets import Audited

from .forms import MAX_QUERY, SearchForm
from .selectors import MAX_HITS, search
from .sources import SOURCES

# The kinds whose rows can show restricted content, logged as reads when shown.
AUDITED = {"item", "minutes", "action", "paper"}


def results(request: SignedInRequest) -> HttpResponse:
    """Search what the person may see; a query that cannot be searched is a 400 with a message."""
    form = SearchForm(request.GET)
    context: dict = {
        "form": form,
        "max_query": MAX_QUERY,
        "max_hits": MAX_HITS,
        "sources": SOURCES,
    }
    if not form.is_valid():
        return render(request, "search/results.html", context, status=400)
    text, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    if not text:
        return render(request, "search/results.html", context)
    found = search(request.user, text, kind, request.GET.get("page"))
    shown = [r.obj for r in found.results if r.kind in AUDITED]
    record_reads(request.user, [obj for obj in shown if isinstance(obj, Audited)], "search:results")
    context.update(
        found=found,
        kinds=[(key, source.label, found.counts.get(key, 0)) for key, source in SOURCES.items()],
        query=urlencode({"q": text, "kind": kind}),
        base=urlencode({"q": text}),
    )
    return render(request, "search/results.html", context)
