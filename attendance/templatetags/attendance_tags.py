"""The attendance panel on the meeting page (templates/meetings/meeting_detail.html)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from ..models import Invitation
from ..rules import recorder_for
from ..selectors import quorum_status

register = template.Library()


@register.inclusion_tag("attendance/_panel.html", takes_context=True)
def attendance_panel(context: template.Context) -> dict:
    """Quorum, the viewer's own invitation and a link to record or see attendance."""
    meeting = context["meeting"]
    user = context["request"].user
    own = (
        Invitation.objects.filter(meeting=meeting, person=user).select_related("agency").first()
        if user.is_authenticated
        else None
    )
    recorder = recorder_for(user, meeting)
    records = recorder.is_officer or (
        bool(recorder.lead_agency_ids)
        and Invitation.objects.filter(
            meeting=meeting, agency_id__in=recorder.lead_agency_ids
        ).exists()
    )
    return {
        "meeting": meeting,
        "quorum": quorum_status(meeting),
        "own": own,
        "records": records,
        "is_officer": recorder.is_officer,
        "upcoming": timezone.now() < meeting.starts_at,
    }


@register.filter
def get_item(mapping: dict, key: object) -> object:
    """mapping[key], or None: for looking rows up by id in templates."""
    return mapping.get(key) if mapping else None
