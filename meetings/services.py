"""Writes for meetings and agendas. Every agenda change checks and bumps the meeting's revision,
so an edit made on a stale copy of the agenda is refused instead of silently overwriting."""

from __future__ import annotations

from datetime import datetime

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max, ProtectedError
from guardian.shortcuts import assign_perm, remove_perm

from agencies.models import Agency, User

from .models import AgendaItem, Committee, Meeting, Paper, PublicQuestion

VIEW_PERM = "view_agendaitem"
MAX_PAPER_BYTES = 20 * 1024 * 1024
# Extension -> the MIME types its content may have (sniffed, not trusted from the browser).
PAPER_TYPES = {
    "pdf": {"application/pdf"},
    "docx": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/zip",
    },
    "xlsx": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/zip",
    },
    "pptx": {
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/zip",
    },
    "odt": {"application/vnd.oasis.opendocument.text", "application/zip"},
    "png": {"image/png"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
}
TEXT_TYPES = {"txt": "text/plain", "csv": "text/csv"}


class StaleAgenda(ValidationError):
    """The agenda changed since the person opened it."""

    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this agenda since you opened it. Your changes have not been "
            "saved; they are still in the form below. Check the agenda and save again.",
            code="stale",
        )


def _bump(meeting: Meeting, expected_revision: int | None) -> None:
    """Claim the next revision of the agenda, or refuse a stale edit (atomic in the database)."""
    rows = Meeting.objects.filter(pk=meeting.pk)
    if expected_revision is not None:
        rows = rows.filter(agenda_revision=expected_revision)
    if rows.update(agenda_revision=F("agenda_revision") + 1) != 1:
        raise StaleAgenda()
    meeting.agenda_revision = Meeting.objects.values_list("agenda_revision", flat=True).get(
        pk=meeting.pk
    )


def _validate_times(starts_at: datetime, ends_at: datetime) -> None:
    if starts_at is None or ends_at is None:
        raise ValidationError("Enter when the meeting starts and ends.")
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValidationError("Meeting times must include a time zone.")
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The meeting must end after it starts."})


@transaction.atomic
def meeting_create(
    *,
    committee: Committee,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    chairs: list[User] | None = None,
    use_template: bool = True,
) -> Meeting:
    """Create a draft meeting; its agenda starts from the committee's standing agenda."""
    _validate_times(starts_at, ends_at)
    meeting = Meeting(
        committee=committee,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location or committee.default_location,
    )
    meeting.full_clean()
    meeting.save()
    meeting.chairs.set(chairs if chairs is not None else committee.chairs.all())
    if use_template:
        agenda_apply_template(meeting=meeting, template=committee.standing_agenda)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, expected_revision: int | None, **fields) -> Meeting:
    """Change a meeting's title, times or place."""
    _bump(meeting, expected_revision)
    for name, value in fields.items():
        setattr(meeting, name, value)
    _validate_times(meeting.starts_at, meeting.ends_at)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, expected_revision: int | None) -> Meeting:
    """Cancel a meeting that has not been held; calendars then show it as cancelled."""
    open_states = (Meeting.Status.DRAFT, Meeting.Status.PUBLISHED)
    if meeting.status not in open_states:
        raise ValidationError(
            f"A meeting that is {meeting.get_status_display().lower()} cannot be cancelled."
        )
    _bump(meeting, expected_revision)
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status"])
    return meeting


def agenda_apply_template(*, meeting: Meeting, template: list[dict]) -> list[AgendaItem]:
    """Add the items of a standing agenda (a nested list of dicts) to a meeting."""
    created: list[AgendaItem] = []

    def add(rows: list[dict], parent: AgendaItem | None, depth: int) -> None:
        if depth > AgendaItem.MAX_DEPTH:
            raise ValidationError("A standing agenda may be at most three levels deep.")
        for position, row in enumerate(rows):
            item = AgendaItem(
                meeting=meeting,
                parent=parent,
                position=position,
                kind=row.get("kind", AgendaItem.Kind.SUBSTANTIVE),
                title=row["title"],
                planned_minutes=row.get("planned_minutes"),
                recommendation=row.get("recommendation", ""),
            )
            item.full_clean()
            item.save()
            created.append(item)
            add(row.get("children", []), item, depth + 1)

    add(template, None, 1)
    return created


def _depth(item: AgendaItem | None) -> int:
    depth = 0
    while item is not None:
        depth += 1
        item = item.parent
    return depth


def _subtree_height(item: AgendaItem) -> int:
    children = list(item.children.all())
    return 1 + max((_subtree_height(c) for c in children), default=0)


def _check_parent(meeting: Meeting, parent: AgendaItem | None, height: int = 1) -> None:
    if parent is None:
        return
    if parent.meeting_id != meeting.id:
        raise ValidationError({"parent": "That item belongs to another meeting."})
    if _depth(parent) + height > AgendaItem.MAX_DEPTH:
        raise ValidationError(
            {"parent": "Agendas go three levels deep at most: part, item and sub-item."}
        )


def _next_position(meeting: Meeting, parent: AgendaItem | None) -> int:
    last = AgendaItem.objects.filter(meeting=meeting, parent=parent).aggregate(m=Max("position"))
    return 0 if last["m"] is None else last["m"] + 1


ITEM_FIELDS = {"kind", "title", "description", "lead_agency", "planned_minutes", "recommendation"}


@transaction.atomic
def item_create(
    *,
    meeting: Meeting,
    expected_revision: int | None,
    title: str,
    parent: AgendaItem | None = None,
    presenters: list[User] | None = None,
    **fields,
) -> AgendaItem:
    """Add an item at the end of its parent's children; under a restricted item it inherits
    the restriction and its grants."""
    _bump(meeting, expected_revision)
    _check_parent(meeting, parent)
    unknown = set(fields) - ITEM_FIELDS
    if unknown:
        raise TypeError(f"Unknown agenda item fields: {sorted(unknown)}")
    item = AgendaItem(
        meeting=meeting,
        parent=parent,
        position=_next_position(meeting, parent),
        title=title,
        **fields,
    )
    item.full_clean()
    item.save()
    if presenters:
        item.presenters.set(presenters)
    if parent is not None and parent.restricted:
        agencies, users = item_grants(parent)
        _restrict_one(item, True, agencies, users)
    return item


@transaction.atomic
def item_update(
    *,
    item: AgendaItem,
    expected_revision: int | None,
    presenters: list[User] | None = None,
    **fields,
) -> AgendaItem:
    """Change an item's content."""
    _bump(item.meeting, expected_revision)
    unknown = set(fields) - ITEM_FIELDS
    if unknown:
        raise TypeError(f"Unknown agenda item fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    if presenters is not None:
        item.presenters.set(presenters)
    return item


@transaction.atomic
def item_delete(*, item: AgendaItem, expected_revision: int | None) -> None:
    """Remove an item with its sub-items, papers, questions and grants."""
    _bump(item.meeting, expected_revision)
    siblings = AgendaItem.objects.filter(
        meeting=item.meeting_id, parent=item.parent_id, position__gt=item.position
    )
    subtree = [node.pk for node in _subtree(item)]
    guests = AgendaItem.objects.filter(pk__in=subtree, restricted=True, invitations__isnull=False)
    if guests.exists():
        # Their invitations would outlive the item as guests of the whole meeting, names shown.
        raise ValidationError("Guests are invited for this restricted item: remove them first.")
    try:
        item.delete()
    except ProtectedError as error:  # actions keep their item: refuse, never a 500
        message = "Actions were recorded on this item, so it cannot be removed."
        raise ValidationError(message) from error
    siblings.update(position=F("position") - 1)


def _siblings(item: AgendaItem) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(meeting=item.meeting_id, parent=item.parent_id).order_by(
            "position", "id"
        )
    )


def _renumber(items: list[AgendaItem]) -> None:
    for position, sibling in enumerate(items):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


@transaction.atomic
def item_move(
    *,
    item: AgendaItem,
    expected_revision: int | None,
    direction: str | None = None,
    parent: AgendaItem | None = None,
    position: int | None = None,
) -> AgendaItem:
    """Move an item: 'up' or 'down' among its siblings, 'in' (under the item above it), 'out'
    (after its parent), or to an explicit parent and position."""
    _bump(item.meeting, expected_revision)
    siblings = _siblings(item)
    index = next(i for i, s in enumerate(siblings) if s.id == item.id)
    if direction in ("up", "down"):
        target = index - 1 if direction == "up" else index + 1
        if not 0 <= target < len(siblings):
            raise ValidationError(
                f"This item is already at the {'top' if target < 0 else 'bottom'}."
            )
        siblings[index], siblings[target] = siblings[target], siblings[index]
        _renumber(siblings)
        return item
    if direction == "in":
        if index == 0:
            raise ValidationError("There is no item above this one to move it under.")
        parent, position = siblings[index - 1], None
    elif direction == "out":
        if item.parent is None:
            raise ValidationError("This item is already at the top level.")
        parent, position = item.parent.parent, item.parent.position + 1
    elif direction is not None:
        raise ValidationError("Unknown move.")
    _reparent(item, parent, position, siblings, index)
    return item


def _reparent(
    item: AgendaItem,
    parent: AgendaItem | None,
    position: int | None,
    old_siblings: list[AgendaItem],
    index: int,
) -> None:
    node = parent
    while node is not None:
        if node.id == item.id:
            raise ValidationError({"parent": "An item cannot be moved under itself."})
        node = node.parent
    _check_parent(item.meeting, parent, height=_subtree_height(item))
    del old_siblings[index]
    _renumber(old_siblings)
    new_siblings = list(
        AgendaItem.objects.filter(meeting=item.meeting_id, parent=parent)
        .exclude(pk=item.pk)
        .order_by("position", "id")
    )
    position = len(new_siblings) if position is None else max(0, min(position, len(new_siblings)))
    item.parent = parent
    item.save(update_fields=["parent"])
    new_siblings.insert(position, item)
    for pos, sibling in enumerate(new_siblings):
        sibling.position = pos
        sibling.save(update_fields=["position"])
    if parent is not None and parent.restricted:
        agencies, users = item_grants(parent)
        for node in _subtree(item):
            _restrict_one(node, True, agencies, users)


def _subtree(item: AgendaItem) -> list[AgendaItem]:
    nodes = [item]
    for child in item.children.all():
        nodes.extend(_subtree(child))
    return nodes


def item_grants(item: AgendaItem) -> tuple[list[Agency], list[User]]:
    """The agencies and single people an item is granted to."""
    group_ids = item.agendaitemgroupobjectpermission_set.filter(
        permission__codename=VIEW_PERM
    ).values("group_id")
    user_ids = item.agendaitemuserobjectpermission_set.filter(
        permission__codename=VIEW_PERM
    ).values("user_id")
    return (
        list(Agency.objects.filter(group__in=group_ids).order_by("name")),
        list(User.objects.filter(id__in=user_ids).order_by("full_name")),
    )


def _restrict_one(
    item: AgendaItem, restricted: bool, agencies: list[Agency], users: list[User]
) -> None:
    from actions.models import Action

    item.restricted = restricted
    item.save(update_fields=["restricted"])
    Action.objects.filter(agenda_item=item).update(restricted=restricted)
    old_agencies, old_users = item_grants(item)
    wanted_agencies = set(agencies) if restricted else set()
    wanted_users = set(users) if restricted else set()
    for agency in set(old_agencies) - wanted_agencies:
        remove_perm(VIEW_PERM, agency.group, item)
    for user in set(old_users) - wanted_users:
        remove_perm(VIEW_PERM, user, item)
    for agency in wanted_agencies - set(old_agencies):
        assign_perm(VIEW_PERM, agency.group, item)
    for user in wanted_users - set(old_users):
        assign_perm(VIEW_PERM, user, item)


@transaction.atomic
def item_restrict(
    *,
    item: AgendaItem,
    expected_revision: int | None,
    restricted: bool,
    agencies: list[Agency] | None = None,
    users: list[User] | None = None,
) -> AgendaItem:
    """Restrict an item (and its sub-items) to some agencies and people, or open it again.

    The chairs and secretariat always see it; nobody else does unless granted here.
    """
    _bump(item.meeting, expected_revision)
    if item.parent is not None and item.parent.restricted and not restricted:
        raise ValidationError("A sub-item of a restricted item is restricted with it.")
    for node in _subtree(item):
        _restrict_one(node, restricted, agencies or [], users or [])
    return item


def paper_add(
    *, item: AgendaItem, upload: UploadedFile, title: str = "", by: User | None = None
) -> Paper:
    """Attach a paper, refusing files that are too large or whose content is not of an allowed
    type (the content is sniffed; the name and the browser's word are not trusted)."""
    name = upload.name or "paper"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if upload.size > MAX_PAPER_BYTES:
        raise ValidationError(
            {"upload": f"The file must be smaller than {MAX_PAPER_BYTES // (1024 * 1024)} MB."}
        )
    if upload.size == 0:
        raise ValidationError({"upload": "The file is empty."})
    content_type = _sniff(upload, extension)
    with transaction.atomic():
        _bump(item.meeting, None)
        paper = Paper(
            item=item,
            title=title or name,
            size=upload.size,
            content_type=content_type,
            uploaded_by=by,
        )
        paper.file.save(name, upload, save=False)
        paper.full_clean()
        paper.save()
    return paper


def _sniff(upload: UploadedFile, extension: str) -> str:
    allowed = ", ".join(sorted([*PAPER_TYPES, *TEXT_TYPES])).upper()
    wrong = ValidationError({"upload": f"The file must be a {allowed}."})
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if extension in TEXT_TYPES:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            # A cut multi-byte character at the 8 KiB boundary is fine; binary is not.
            if b"\x00" in head:
                raise wrong from None
        return TEXT_TYPES[extension]
    if extension not in PAPER_TYPES:
        raise wrong
    kind = filetype.guess(head)
    if kind is None or kind.mime not in PAPER_TYPES[extension]:
        raise ValidationError(
            {"upload": f"The file's content is not a {extension.upper()} file. {wrong.messages[0]}"}
        )
    return kind.mime


@transaction.atomic
def paper_delete(*, paper: Paper) -> None:
    """Remove a paper and its file."""
    _bump(paper.item.meeting, None)
    paper.file.delete(save=False)
    paper.delete()


@transaction.atomic
def question_add(
    *,
    item: AgendaItem,
    question: str,
    asked_by: str,
    asked_by_agency: Agency | None = None,
    answered_by: User | None = None,
) -> PublicQuestion:
    """Record a public question sent in advance, and who will answer it."""
    _bump(item.meeting, None)
    last = item.questions.aggregate(m=Max("position"))["m"]
    entry = PublicQuestion(
        item=item,
        question=question,
        asked_by=asked_by,
        asked_by_agency=asked_by_agency,
        answered_by=answered_by,
        position=0 if last is None else last + 1,
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def meeting_minutes_progress(*, meeting: Meeting, approved: bool) -> Meeting:
    """Move a meeting on to "minutes drafted" or "minutes approved" (never backwards, and never
    a draft or cancelled meeting): the minutes app calls this as its minutes progress."""
    order = [
        Meeting.Status.PUBLISHED,
        Meeting.Status.HELD,
        Meeting.Status.MINUTES_DRAFTED,
        Meeting.Status.MINUTES_APPROVED,
    ]
    target = Meeting.Status.MINUTES_APPROVED if approved else Meeting.Status.MINUTES_DRAFTED
    if meeting.status in order and order.index(meeting.status) < order.index(target):
        Meeting.objects.filter(pk=meeting.pk).update(status=target)
        meeting.status = target
    return meeting
