"""The person's API tokens page: make one (shown once), see theirs, revoke one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from agencies.http import SignedInRequest
from core.fields import LineField
from core.forms import form_helper
from core.once import once, submit_once

from .models import NAME_LIMIT
from .tokens import MAX_TOKENS, TooManyTokens, token_create, token_revoke, tokens_of


class TokenForm(forms.Form):
    """A new token's name."""

    name = LineField(
        limit=NAME_LIMIT,
        label="What is the token for?",
        help_text='For example "Monthly actions report".',
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper("name", submit="Make a token")


class RevokeForm(forms.Form):
    """Which token to revoke (one of the person's, by its digest)."""

    # knox keeps a token as the hex SHA-512 of its secret.
    digest = forms.RegexField(regex=r"^[0-9a-f]{128}$", max_length=128)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@submit_once
def tokens(request: SignedInRequest) -> HttpResponse:
    """List the person's tokens; make one (its secret is on this answer only) or revoke one."""
    form = TokenForm()
    secret = None
    status = 200
    if request.method == "POST" and request.POST.get("revoke") is not None:
        revoke = RevokeForm(request.POST)
        if revoke.is_valid() and token_revoke(
            user=request.user, digest=revoke.cleaned_data["digest"]
        ):
            messages.success(request, "The token was revoked: scripts using it stop working now.")
        else:
            messages.error(request, "That token was not found: it may have been revoked already.")
        return redirect("api:tokens")
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                with once(request) as claim:
                    _, secret = token_create(user=request.user, name=form.cleaned_data["name"])
                    claim.redirect("api:tokens")
            except TooManyTokens:
                form.add_error(None, f"You have {MAX_TOKENS} tokens: revoke one you no longer use.")
            else:
                form = TokenForm()
        if secret is None:
            status = 400
    context = {
        "form": form,
        "secret": secret,
        "tokens": tokens_of(request.user),
        "docs_url": reverse("api:docs"),
    }
    return render(request, "api/tokens.html", context, status=status)
