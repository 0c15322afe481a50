"""Token authentication for scripts (django-rest-knox), noting when each token was last used."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.utils import timezone
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions

from .models import ApiToken

# A token used many times a minute is written once a minute, not on every request.
LAST_USED_EVERY = timedelta(minutes=1)
TOKEN_SHAPE = re.compile(rb"[A-Za-z0-9_]{1,200}")
INVALID = "Invalid token: make a new one under API tokens, or check it was copied whole."


class TokenAuthentication(KnoxTokenAuthentication):
    """`Authorization: Token <token>`; a token that is not text answers 401, never 500."""

    def authenticate_credentials(self, token: bytes) -> tuple[Any, ApiToken]:
        """The token's owner and the token, its last use noted."""
        # Tokens are "pm_" and hex digits: anything else (a NUL, bytes that are not text) is
        # refused before it reaches the database.
        if not TOKEN_SHAPE.fullmatch(token):
            raise exceptions.AuthenticationFailed(INVALID)
        try:
            user, auth_token = super().authenticate_credentials(token)
        except exceptions.AuthenticationFailed as error:
            raise exceptions.AuthenticationFailed(INVALID) from error
        now = timezone.now()
        if auth_token.last_used_at is None or now - auth_token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(digest=auth_token.digest).update(last_used_at=now)
            auth_token.last_used_at = now
        return user, auth_token
