"""The attendance panel on the meeting page (templates/meetings/meeting_detail.html)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from ..quorum import attendance_panel_for
from ..rules import recorder_for

register = template.Library()


@register.inclusion_tag("attendance/_panel.html", takes_context=True)
def attendance_panel(context: template.Context) -> dict:
    """Quorum, the viewer's own invitation and a link to record or see attendance."""
    meeting = context["meeting"]
    user = context["request"].user
    recorder = recorder_for(user, meeting)
    panel = attendance_panel_for(user, meeting, recorder.lead_agency_ids)
    return {
        "meeting": meeting,
        "quorum": panel.quorum,
        "own": panel.own,
        "records": recorder.is_officer or panel.lead_invited,
        "is_officer": recorder.is_officer,
        "upcoming": timezone.now() < meeting.starts_at,
    }


@register.filter
def get_item(mapping: dict, key: object) -> object:
    """mapping[key], or None: for looking rows up by id in templates."""
    return mapping.get(key) if mapping else None
