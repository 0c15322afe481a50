"""`{% rows "x.jinja" agenda.rows name=value %}`: rows rendered by Jinja2 (core/rows.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.safestring import SafeString

from core.rows import render_rows

register = template.Library()


@register.simple_tag(name="rows")
def rows_tag(template_name: str, rows: Iterable[Any], **context: Any) -> SafeString:
    """Render each row with a Jinja2 row template; the keyword arguments are its context."""
    return render_rows(template_name, rows, context)
