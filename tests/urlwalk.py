"""Walk every URL pattern the project serves, with sample values for its parameters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

SAMPLES = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def _route_to_path(route: str) -> str:
    def sample(match: re.Match) -> str:
        converter = match.group(1) or "str"
        return SAMPLES.get(converter, "x")

    return re.sub(r"<(?:(\w+):)?\w+>", sample, route)


def _regex_to_path(regex: str) -> str:
    path = regex.lstrip("^").rstrip("$").replace("\\Z", "")
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    path = re.sub(r"\([^)]*\)", "x", path)
    return path.replace("\\", "").replace("?", "")


def _piece(pattern) -> str:
    text = str(pattern.pattern)
    if hasattr(pattern.pattern, "_route"):
        return _route_to_path(text)
    return _regex_to_path(text)


def all_urls() -> Iterator[tuple[str, str]]:
    """(sample path, qualified name) for every pattern, admin included."""

    def walk(patterns, prefix: str, namespace: str):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                yield from walk(p.url_patterns, prefix + _piece(p), ns)
            elif isinstance(p, URLPattern):
                yield "/" + prefix + _piece(p), f"{namespace}{p.name or ''}"

    yield from walk(get_resolver().url_patterns, "", "")
