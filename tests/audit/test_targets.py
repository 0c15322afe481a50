"""Each shown object declares what of restricted content it shows; record_reads only asks."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import Action, ActionUpdate
from actions.summary import meeting_summary
from audit.models import RestrictedRead
from audit.services import record_reads
from audit.targets import Audited, ReadKind, Target
from meetings.access import meeting_viewer
from meetings.models import AgendaItem, AgendaItemGroupObjectPermission, Paper
from meetings.selectors import ShownVersionRows, agenda_for
from minutes.models import Minute
from minutes.selectors import minutes_document

pytestmark = pytest.mark.django_db


def _targets(obj: Audited) -> set[tuple[str, int, int | None]]:
    return {(t.kind, t.object_id, t.item_id) for t in obj.audit_targets()}


def test_models_name_their_content_and_its_item(sworld):
    w = sworld
    item = w.item.pk
    assert _targets(w.item) == {(ReadKind.ITEM, item, item)}
    assert _targets(w.paper) == {(ReadKind.PAPER, w.paper.pk, item)}
    assert _targets(w.minute) == {(ReadKind.MINUTE, w.minute.pk, item)}
    assert _targets(w.action) == {(ReadKind.ACTION, w.action.pk, item)}
    assert _targets(w.update) == {(ReadKind.EVIDENCE, w.update.pk, item)}
    # Showing a guest, a declaration, a comment or a grant shows the item's title.
    for obj in (w.guest, w.declaration, w.comment):
        assert _targets(obj) == {(ReadKind.ITEM, item, item)}, obj
    grant = AgendaItemGroupObjectPermission.objects.filter(content_object=w.item).first()
    assert _targets(grant) == {(ReadKind.ITEM, item, item)}


def test_what_is_known_public_is_dropped_without_a_query(sworld):
    w = sworld
    public = AgendaItem.objects.get(pk=w.public_item.pk)
    paper = Paper.objects.select_related("item").get(pk=w.public_paper.pk)
    assert [t.restricted for t in public.audit_targets()] == [False]
    assert [t.restricted for t in paper.audit_targets()] == [False]
    # Without its item loaded a paper cannot tell, and leaves it to the one lookup.
    assert [t.restricted for t in Paper.objects.get(pk=w.paper.pk).audit_targets()] == [None]
    with CaptureQueriesContext(connection) as ctx:
        assert record_reads(w.users["chair"], [public, paper], "x") == 0
    assert len(ctx) == 0


def test_an_action_without_an_item_shows_nothing_restricted(sworld):
    w = sworld
    loose = Action(pk=10**9, committee=w.committee, agenda_item=None)
    assert list(loose.audit_targets()) == []


def test_updates_whose_action_is_not_loaded_are_looked_up_together(sworld):
    w = sworld
    for _ in range(5):
        ActionUpdate.objects.create(action=w.action, note="More")
    updates = list(ActionUpdate.objects.filter(action=w.action))
    assert len(updates) >= 6
    assert all(t.item_id is None and t.item_via for u in updates for t in u.audit_targets())
    before = RestrictedRead.objects.count()
    with CaptureQueriesContext(connection) as ctx:
        written = record_reads(w.users["chair"], updates, "x")
    assert written == len(updates) == RestrictedRead.objects.count() - before
    assert len(ctx) == 3  # the updates' items, the restricted items, the insert
    assert set(
        RestrictedRead.objects.order_by("id")[before:].values_list("item_id", flat=True)
    ) == {w.item.pk}


def test_an_agenda_shows_the_items_its_reader_sees(sworld):
    w = sworld
    chair = {t[1] for t in _targets(agenda_for(meeting_viewer(w.users["chair"], w.meeting)))}
    member = {t[1] for t in _targets(agenda_for(meeting_viewer(w.users["member"], w.meeting)))}
    assert {w.item.pk, w.sub_item.pk, w.public_item.pk} <= chair
    assert w.public_item.pk in member and w.item.pk not in member and w.sub_item.pk not in member


def test_a_minutes_document_shows_headings_and_minutes(sworld):
    w = sworld
    doc = minutes_document(meeting_viewer(w.users["chair"], w.meeting))
    targets = _targets(doc)
    assert (ReadKind.MINUTE, w.minute.pk, w.item.pk) in targets
    assert (ReadKind.ITEM, w.item.pk, w.item.pk) in targets
    hidden = _targets(minutes_document(meeting_viewer(w.users["member"], w.meeting)))
    assert not {t for t in hidden if t[2] in (w.item.pk, w.sub_item.pk)}
    # A continuation carries its item's resolutions but not its heading again.
    section = next(s for s in doc.sections if s.row.id == w.item.pk and s.heading)
    section.heading = False
    assert (ReadKind.ITEM, w.item.pk, w.item.pk) not in _targets(section)
    section.heading = True


def test_a_summary_of_actions_shows_its_actions(sworld):
    w = sworld
    summary = meeting_summary(w.users["chair"], w.next_meeting)
    assert (ReadKind.ACTION, w.action.pk, w.item.pk) in _targets(summary)
    member = meeting_summary(w.users["member"], w.next_meeting)
    assert w.action.pk not in {t[1] for t in _targets(member) if t[0] == ReadKind.ACTION}


def test_published_version_rows_show_their_items_but_not_placeholders(sworld):
    w = sworld
    rows = [dict(row) for row in w.version.snapshot]
    restricted = next(row for row in rows if row["id"] == w.item.pk)
    assert (ReadKind.ITEM, w.item.pk, w.item.pk) in _targets(ShownVersionRows(rows))
    restricted["placeholder"] = True
    assert w.item.pk not in {t[1] for t in _targets(ShownVersionRows(rows))}
    change = {"change": "renamed", "old": {"id": 1, "title": "a"}, "new": {"id": 1, "title": "b"}}
    added = {"change": "added", "new": {"id": 2, "title": "c"}}
    assert {t[1] for t in _targets(ShownVersionRows.of_changes([change, added]))} == {1, 2}


def test_any_object_that_declares_targets_is_logged(sworld):
    """A new read model needs no change in audit: it declares what it shows."""

    @dataclass
    class Briefing:
        minute: Minute

        def audit_targets(self):
            yield Target(ReadKind.MINUTE, self.minute.pk, self.minute.item_id)

    w = sworld
    assert isinstance(Briefing(w.minute), Audited)
    before = RestrictedRead.objects.count()
    assert record_reads(w.users["granted"], [Briefing(w.minute), None], "tests:briefing") == 1
    read = RestrictedRead.objects.order_by("id")[before:].get()
    assert (read.kind, read.object_id, read.item_id, read.committee_id) == (
        ReadKind.MINUTE,
        w.minute.pk,
        w.item.pk,
        w.committee.pk,
    )


def test_an_action_tells_from_its_own_mirror_of_the_item_flag(sworld):
    """Without its item loaded, an action's `restricted` column (saved with the item's flag)
    says whether it can be left out: an open one costs no lookup, a restricted one is logged."""
    w = sworld
    opened = Action.objects.only("agenda_item_id", "restricted").get(pk=w.public_action.pk)
    hidden = Action.objects.only("agenda_item_id", "restricted").get(pk=w.action.pk)
    assert [t.restricted for t in opened.audit_targets()] == [False]
    assert [t.restricted for t in hidden.audit_targets()] == [True]
    with CaptureQueriesContext(connection) as ctx:
        assert record_reads(w.users["chair"], [opened], "x") == 0
    assert len(ctx) == 0
    assert record_reads(w.users["chair"], [opened, hidden], "x") == 1
    # With the column deferred it cannot tell, and leaves it to the one lookup.
    deferred = Action.objects.only("agenda_item_id").get(pk=w.public_action.pk)
    assert [t.restricted for t in deferred.audit_targets()] == [None]
