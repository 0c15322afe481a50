"""The 400 page, saying what was wrong when the view said it."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.template import loader


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The product's 400 page; a view's own `BadRequest("...")` message is shown on it.

    Only BadRequest's message: other 400s (a disallowed host, a damaged upload) are Django's
    suspicious operations, whose words are for the log, not the person.
    """
    message = str(exception) if type(exception) is BadRequest else ""
    content = loader.render_to_string("400.html", {"message": message}, request)
    return HttpResponse(content, status=400)
