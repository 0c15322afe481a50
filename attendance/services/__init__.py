"""Writes for attendance: `from attendance import services`.

Each write checks who may make it (attendance.rules), refuses bad input with a ValidationError
before anything is saved, and records every change of attendance in its history. Each sub-module
holds one sub-domain; this package names their services in one place.
"""

from .apologies import apologies_send, apologies_withdraw
from .common import Capacity, StaleAttendance, Status
from .declarations import MAX_NATURE, declaration_add, declaration_remove
from .invitations import (
    invitation_add,
    invitation_add_new_person,
    invitation_remove,
    invitations_generate,
)
from .quorum import quorum_rule_set
from .recording import attendance_record, substitute_record, substitute_remove

__all__ = [
    "MAX_NATURE",
    "Capacity",
    "StaleAttendance",
    "Status",
    "apologies_send",
    "apologies_withdraw",
    "attendance_record",
    "declaration_add",
    "declaration_remove",
    "invitation_add",
    "invitation_add_new_person",
    "invitation_remove",
    "invitations_generate",
    "quorum_rule_set",
    "substitute_record",
    "substitute_remove",
]
