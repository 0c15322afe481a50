"""Plumbing tables: which form submissions were done (so a replay creates nothing), and what a
person typed when their session ended (so a sign-in does not lose it)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Submission(models.Model):
    """One create done from one rendered form: the form's one-time token and where it led.

    Written in the same transaction as the create, under a unique (user, token): a second
    submit of the same form waits on the index, then finds the first one's result.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.UUIDField()
    result_url = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="one_submission_per_token")
        ]

    def __str__(self) -> str:
        return f"{self.token} -> {self.result_url}"


class Draft(models.Model):
    """A form posted after the session ended: kept until its author signs in again and opens it.

    `user` is empty until then (the post came from nobody signed in); the draft's key lives in
    the browser's new session, which survives the sign-in, so only that browser claims it.
    """

    key = models.UUIDField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    path = models.CharField(max_length=2000)
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"draft of {self.path}"
