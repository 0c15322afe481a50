"""The search page in the URL x persona matrix: every restricted secret searched for by name.

A reader (granted, chair, clerk, superuser) must find each one; nobody else may see a word of it,
nor a count that moves with it (the matrix's second test compares pages with and without the
restricted objects).
"""

from __future__ import annotations

from urllib.parse import urlencode

from .matrix import Req, get, u

# Words that find each restricted thing without being its secret (a search page repeats what
# was typed, so typing the secret would put it on every persona's page): the secrets shown with
# them, and the kind of result they are.
SEARCHED = (
    ("survivor testimony", ("title",), "item"),
    ("account estate", ("title", "description"), "item"),
    ("panel hears private", ("title", "recommendation"), "item"),
    ("case detail", ("sub_item",), "item"),
    ("disclosure", ("late_item",), "item"),
    ("statement", ("paper",), "paper"),
    ("described officers failed", ("minute",), "minutes"),
    ("review referred", ("resolution",), "minutes"),
    ("referral pathway", ("action",), "action"),
    ("discipline officers", ("action_mps",), "action"),
)


def _search(w) -> list[Req]:
    requests = [get(u("search:results")), get(u("search:results", query="q=Neighbourhood"))]
    for words, shows, kind in SEARCHED:
        requests.append(get(u("search:results", query=urlencode({"q": words})), shows=shows))
        query = urlencode({"q": words, "kind": kind})
        requests.append(get(u("search:results", query=query), shows=shows))
    return requests


ENTRIES = {"search:results": _search}
