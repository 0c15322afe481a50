"""A create submitted twice creates once (DESIGN section 7): double clicks, two tabs, a replay.

Each create form carries a one-time token (`{% submit_token %}`). The view claims it with
`once(request)` in the same transaction as the create: a row under a unique (user, token). A
second submit of the same form either finds the row (`submit_once` answers with the first
result) or, when both arrive together, waits on the unique index until the first commits, then
finds it. A refused create rolls the claim back with it, so the form can be sent again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from .models import Submission

TOKEN_FIELD = "submit_token"
ALREADY_SAVED = "That was already saved, so it was not saved twice. Here it is."

View = TypeVar("View", bound=Callable[..., HttpResponse])


class Replayed(Exception):
    """The form was submitted before; `url` is where its first submit led."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def posted_token(request: HttpRequest) -> uuid.UUID | None:
    """The form's one-time token, or None when it sent none (or not a token: ignored)."""
    if request.method != "POST":
        return None
    raw = request.POST.get(TOKEN_FIELD, "")
    if not raw or len(raw) > 36:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


def new_token() -> str:
    """A fresh one-time token for a form about to be shown."""
    return str(uuid.uuid4())


def _first_result(request: HttpRequest, token: uuid.UUID) -> str | None:
    url = (
        Submission.objects.filter(user_id=request.user.pk or 0, token=token)
        .values_list("result_url", flat=True)
        .first()
    )
    if url is None:
        return None
    safe = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
    return url if url and safe else request.path


def _replay(request: HttpRequest, url: str) -> HttpResponse:
    messages.info(request, ALREADY_SAVED)
    return HttpResponseRedirect(url)


def submit_once(view: View) -> View:
    """Wrap a view with a create: a form already submitted answers with its first result."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = posted_token(request)
        if token is not None and request.user.is_authenticated:
            first = _first_result(request, token)
            if first is not None:
                return _replay(request, first)
        try:
            return view(request, *args, **kwargs)
        except Replayed as replayed:
            return _replay(request, replayed.url)

    return wrapped  # type: ignore[return-value]


class Claim:
    """Where the create led; `redirect` records it and answers with it."""

    def __init__(self) -> None:
        self.url = ""

    def redirect(self, to: Any, *args: Any, **kwargs: Any) -> HttpResponseRedirect:
        """Record where the create led (as `django.shortcuts.redirect` resolves it) and go."""
        self.url = resolve_url(to, *args, **kwargs)
        return HttpResponseRedirect(self.url)


@contextmanager
def once(request: HttpRequest) -> Iterator[Claim]:
    """Claim the posted form's token around a create, in one transaction with it.

    Raises Replayed (answered by `submit_once`) when the same form was submitted already,
    including by a request still in flight: the unique index makes this one wait for it.
    """
    token = posted_token(request)
    claim = Claim()
    with transaction.atomic():
        row = None
        if token is not None and request.user.is_authenticated:
            try:
                with transaction.atomic():
                    row = Submission.objects.create(user_id=request.user.pk, token=token)
            except IntegrityError:
                raise Replayed(_first_result(request, token) or request.path) from None
        yield claim
        if row is not None:
            row.result_url = claim.url[:2000]
            row.save(update_fields=["result_url"])
