"""Jinja2 for the row templates a page repeats by the dozen (an agenda's items, a list's rows).

Django's template language spent about 0.35 ms on each agenda row, most of a 60-item agenda's
time beyond its floor (bench/results); Jinja2 compiles a template to Python and renders the same
row in a tenth of that. Only row partials use it, through `{% rows %}` (core/templatetags/
rows.py); pages and layouts stay Django templates. Escaping is on for every template, as in
Django's: a title holding markup prints as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from django.conf import settings
from django.template.defaultfilters import (
    date,
    filesizeformat,
    linebreaksbr,
    pluralize,
    truncatechars,
)
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from jinja2 import Environment, FileSystemLoader


def _url(name: str, *args: Any) -> str:
    return reverse(name, args=args)


def _template_dirs() -> list[str]:
    return [str(folder) for folder in settings.TEMPLATES[0]["DIRS"]]  # type: ignore[attr-defined]


@cache
def environment() -> Environment:
    """The one Jinja2 environment, over the project's templates folder, escaping everything."""
    env = Environment(
        loader=FileSystemLoader(_template_dirs()),
        autoescape=True,
        auto_reload=settings.DEBUG,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["url"] = _url
    env.filters["linebreaksbr"] = lambda text: linebreaksbr(text, autoescape=True)
    env.filters["filesizeformat"] = filesizeformat
    # Django's own filters, so that a date or a plural reads as on the Django-rendered pages.
    # Django converts a datetime to local time before its date filter sees it; so do we.
    env.filters["date"] = lambda value, format=None: date(template_localtime(value), format)
    env.filters["pluralize"] = pluralize
    env.filters["truncatechars"] = truncatechars
    env.filters["query"] = urlencode
    return env


def render_rows(template: str, rows: Iterable[Any], context: dict[str, Any]) -> SafeString:
    """Each row rendered with the template (as `row`, beside `context`), joined."""
    compiled = environment().get_template(template)
    return mark_safe("".join(compiled.render(context, row=row) for row in rows))
