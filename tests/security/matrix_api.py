"""The matrix's entries for the REST API (api/): its endpoints, schema, docs and tokens page."""

from __future__ import annotations

from .matrix import ALL_ITEM, Table, get, post, u

ENTRIES: Table = {
    "api:committee-list": lambda w: [get(u("api:committee-list"))],
    "api:committee-detail": lambda w: [
        get(u("api:committee-detail", w.committee.short_name)),
        get(u("api:committee-detail", w.other_committee.short_name)),
    ],
    "api:meeting-list": lambda w: [
        get(u("api:meeting-list")),
        get(u("api:meeting-list", query=f"committee={w.committee.short_name}")),
    ],
    "api:meeting-detail": lambda w: [get(u("api:meeting-detail", w.meeting.pk))],
    "api:item-list": lambda w: [
        get(u("api:item-list", query=f"meeting={w.meeting.pk}"), shows=("title", "sub_item")),
        get(u("api:item-list", query=f"meeting={w.next_meeting.pk}"), shows=("late_item",)),
        get(u("api:item-list")),
    ],
    "api:item-detail": lambda w: [
        get(
            u("api:item-detail", w.item.pk),
            shows=tuple(k for k in ALL_ITEM if k != "question"),
            own=True,
        ),
        get(u("api:item-detail", w.sub_item.pk), shows=("sub_item",), own=True),
    ],
    "api:action-list": lambda w: [
        get(u("api:action-list"), shows=("action", "action_mps")),
        get(u("api:action-list", query=f"committee={w.committee.short_name}&overdue=true")),
        get(u("api:action-list", query=f"agency={w.mps.short_name}&status=open")),
    ],
    "api:action-detail": lambda w: [
        get(u("api:action-detail", w.action.pk), shows=("action", "note", "evidence"), own=True),
        get(u("api:action-detail", w.action_mps.pk), shows=("action_mps",), own=True),
    ],
    "api:action-update": lambda w: [
        post(u("api:action-update", w.action_mps.pk), {"note": "Progress"}, own=True),
        post(u("api:action-update", w.action.pk), {"status": "completed"}, own=True),
    ],
    "api:schema": lambda w: [get(u("api:schema"))],
    "api:docs": lambda w: [get(u("api:docs"))],
    "api:tokens": lambda w: [
        get(u("api:tokens")),
        post(u("api:tokens"), {"name": "Matrix script"}),
        post(u("api:tokens"), {"revoke": "1", "digest": "0" * 128}),
    ],
    "api:not_found": lambda w: [get(f"/api/v1/actions/{w.action.pk}x/")],
}
