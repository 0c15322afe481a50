"""An update sent twice (a retried request, a script run twice) is recorded once when it carries
the same `Idempotency-Key`: the key is claimed in the update's transaction under core.once's
unique (person, token) index, and a repeat answers with the update the first one recorded."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from rest_framework import exceptions
from rest_framework.request import Request

from actions.models import ActionUpdate
from core.models import Submission

HEADER = "Idempotency-Key"


class Repeated(Exception):
    """The key was used before; `update_id` is the update its first request recorded."""

    def __init__(self, update_id: int | None) -> None:
        super().__init__(update_id)
        self.update_id = update_id


def _key(request: Request) -> uuid.UUID | None:
    raw = request.headers.get(HEADER)
    if raw is None:
        return None
    try:
        return uuid.UUID(raw[:64])
    except ValueError:
        raise exceptions.ValidationError(
            {HEADER: "Send a UUID (e.g. from uuidgen), the same one when you retry."}
        ) from None


def _first(user_id: int, key: uuid.UUID) -> int | None:
    url = (
        Submission.objects.filter(user_id=user_id, token=key)
        .values_list("result_url", flat=True)
        .first()
    )
    _, _, pk = (url or "").rpartition("#update-")
    return int(pk) if pk.isdigit() else None


class Claim:
    """Where the update is recorded once it is."""

    def __init__(self) -> None:
        self.update: ActionUpdate | None = None


@contextmanager
def once(request: Request) -> Iterator[Claim]:
    """Claim the request's key (if it sent one) around the update, in one transaction."""
    key = _key(request)
    claim = Claim()
    with transaction.atomic():
        row = None
        if key is not None:
            try:
                with transaction.atomic():
                    row = Submission.objects.create(user_id=request.user.pk, token=key)
            except IntegrityError:
                raise Repeated(_first(request.user.pk, key)) from None
        yield claim
        if row is not None and claim.update is not None:
            update = claim.update
            row.result_url = f"/api/v1/actions/{update.action_id}/#update-{update.pk}"
            row.save(update_fields=["result_url"])
