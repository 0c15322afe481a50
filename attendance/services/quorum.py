"""A committee's quorum rule."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from agencies.models import Agency, User
from meetings import access
from meetings.models import Committee

from ..models import QuorumRule


@transaction.atomic
def quorum_rule_set(
    *,
    committee: Committee,
    by: User,
    min_members_present: int,
    required_agencies: Iterable[Agency] = (),
) -> QuorumRule:
    """Set a committee's quorum: how many members must be present and which agencies must be."""
    if not access.is_committee_officer(by, committee):
        raise PermissionDenied("Only the chair and the secretariat can set the quorum.")
    if min_members_present is None or min_members_present < 0:
        raise ValidationError({"min_members_present": "Enter a number of members, 0 or more."})
    required = list(required_agencies)
    allowed = {committee.host_id, *committee.member_agencies.values_list("id", flat=True)}
    strangers = [a.name for a in required if a.id not in allowed]
    if strangers:
        raise ValidationError(
            {"required_agencies": f"Not an agency of this committee: {', '.join(strangers)}."}
        )
    rule, _ = QuorumRule.objects.update_or_create(
        committee=committee,
        defaults={"min_members_present": min_members_present, "updated_by": by},
    )
    rule.required_agencies.set(required)
    return rule
