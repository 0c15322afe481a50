"""API tokens: django-rest-knox's hashed tokens, with a name and when each was last used.

The fields are knox's AbstractAuthToken's, written out so that the model is typed;
KNOX_TOKEN_MODEL names it, and knox's authentication reads it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from knox.settings import CONSTANTS

NAME_LIMIT = 100


class ApiToken(models.Model):
    """A person's token for scripts: only its digest is stored, so it is shown once."""

    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, primary_key=True)
    # The token's first characters, to find its row; not enough to use it.
    token_key = models.CharField(
        max_length=CONSTANTS.MAXIMUM_TOKEN_PREFIX_LENGTH + CONSTANTS.TOKEN_KEY_LENGTH,
        db_index=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="auth_token_set"
    )
    created = models.DateTimeField(auto_now_add=True)
    expiry = models.DateTimeField(null=True, blank=True)
    name = models.CharField(max_length=NAME_LIMIT, help_text="What the token is for.")
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key[:6]}…)"
