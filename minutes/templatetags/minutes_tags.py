"""Template tags for the minutes' slot on the meeting page."""

from __future__ import annotations

from django import template

from meetings.models import Meeting

from ..stage import MinutesStage, minutes_stage

register = template.Library()


@register.simple_tag(takes_context=True)
def minutes_stage_for(context: template.Context, meeting: Meeting) -> MinutesStage:
    """The stage of the meeting's minutes, for the person viewing the page."""
    return minutes_stage(context["request"].user, meeting)
