"""`{% submit_token %}`: the one-time token a create form carries (core.once)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.once import TOKEN_FIELD, new_token

register = template.Library()


@register.simple_tag
def submit_token() -> SafeString:
    """A hidden input with a fresh token: each rendering of a form is one submission."""
    return format_html('<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, new_token())
