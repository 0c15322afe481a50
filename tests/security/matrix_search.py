"""The search page in the URL x persona matrix: every restricted secret searched for by name.

A reader (granted, chair, clerk, superuser) must find each one; nobody else may see a word of it,
nor a count that moves with it (the matrix's second test compares pages with and without the
restricted objects).
"""

from __future__ import annotations

from .matrix import Req, get, u
from .world import SECRETS

# The secrets search indexes, each by the words it finds them with.
SEARCHED = (
    ("title", "item"),
    ("description", "item"),
    ("recommendation", "item"),
    ("sub_item", "item"),
    ("late_item", "item"),
    ("paper", "paper"),
    ("minute", "minutes"),
    ("resolution", "minutes"),
    ("action", "action"),
    ("action_mps", "action"),
)


def _search(w) -> list[Req]:
    requests = [get(u("search:results")), get(u("search:results", query="q=Neighbourhood"))]
    for key, kind in SEARCHED:
        requests.append(get(u("search:results", query=f"q={SECRETS[key]}"), shows=(key,)))
        requests.append(get(u("search:results", query=f"q={SECRETS[key]}&kind={kind}")))
    return requests


ENTRIES = {"search:results": _search}
