"""Where to send a person back to: a `next` from the query string, only if it is a local path."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

MAX_NEXT_LENGTH = 2000


def local_next(request: HttpRequest, target: str | None) -> str | None:
    """`target` if it is a path on this site (`/meetings/3/#item-4`), else None.

    A `next` is shown as a link and followed after a save, so anything else (another site, a
    scheme, a relative word like `abc`, an over-long value) is ignored rather than trusted.
    """
    target = (target or "").strip()
    if not target or len(target) > MAX_NEXT_LENGTH:
        return None
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    return target
