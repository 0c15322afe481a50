"""A person's API tokens: make one (its secret returned once), list them, revoke one."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from knox.models import get_digest_token
from knox.settings import CONSTANTS, knox_settings

from agencies.models import User

from .models import ApiToken

# Enough for a person's scripts; a runaway loop making tokens stops here.
MAX_TOKENS = 20


class TooManyTokens(Exception):
    """The person already holds MAX_TOKENS tokens."""


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """The person's tokens, newest first (digests and names only; the secrets are not kept)."""
    return ApiToken.objects.filter(user=user).order_by("-created")


@transaction.atomic
def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token for the person; returns it and its secret, which is never shown again."""
    User.objects.select_for_update().only("pk").get(pk=user.pk)
    if tokens_of(user).count() >= MAX_TOKENS:
        raise TooManyTokens
    # knox makes the secret (with its prefix) and its digest; only the digest is stored.
    digest, secret = get_digest_token()
    ttl = knox_settings.TOKEN_TTL
    token = ApiToken.objects.create(
        digest=digest,
        token_key=secret[: CONSTANTS.TOKEN_KEY_LENGTH],
        user=user,
        expiry=timezone.now() + ttl if ttl else None,
        name=name,
    )
    return token, secret


@transaction.atomic
def token_revoke(*, user: User, digest: str) -> bool:
    """Revoke one of the person's tokens (someone else's is not found); whether it was."""
    deleted, _ = ApiToken.objects.filter(user=user, digest=digest).delete()
    return bool(deleted)
