"""Deleting a restricted item and creating another must not let anybody inherit its grants.

Grants live in guardian's direct foreign-key tables, which cascade with the item; the audit log
points at the item with SET_NULL. Both are checked for a new item with a new id and for a new
item given the deleted item's id (SQLite's AUTOINCREMENT and PostgreSQL's sequences never reuse
one, so the row is inserted with an explicit primary key, as a restore or a hand-made fix might).
"""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from guardian.models import GroupObjectPermission, UserObjectPermission

from attendance import services as attendance_services
from attendance.models import Invitation
from audit.models import RestrictedRead
from audit.services import record_reads
from meetings import access, services
from meetings.models import (
    AgendaItem,
    AgendaItemGroupObjectPermission,
    AgendaItemUserObjectPermission,
)
from meetings.services import agenda_publish
from tests.agenda_fixtures import add

pytestmark = pytest.mark.django_db

OLD = "Witness statement Greylagmoor"
NEW = "Case file Pintailcross"


def _restricted(world, meeting) -> AgendaItem:
    """An item restricted to Safer London, and to the MPS member by name."""
    item = add(meeting, OLD, planned_minutes=10)
    services.item_restrict(
        item=item,
        expected_revision=None,
        restricted=True,
        agencies=[world.safer_london],
        users=[world.member],
    )
    return item


def _grants(pk: int) -> int:
    item_type = ContentType.objects.get_for_model(AgendaItem)
    return (
        AgendaItemGroupObjectPermission.objects.filter(content_object_id=pk).count()
        + AgendaItemUserObjectPermission.objects.filter(content_object_id=pk).count()
        + UserObjectPermission.objects.filter(content_type=item_type, object_pk=str(pk)).count()
        + GroupObjectPermission.objects.filter(content_type=item_type, object_pk=str(pk)).count()
    )


def _sees(person, pk: int) -> bool:
    return access.visible_agenda_items(person).filter(pk=pk).exists()


def test_deleting_a_restricted_item_deletes_its_grants(world, meeting):
    item = _restricted(world, meeting)
    assert _grants(item.pk) == 2
    assert _sees(world.partner_member, item.pk) and _sees(world.member, item.pk)
    services.item_delete(item=item, expected_revision=None)
    assert _grants(item.pk) == 0


def test_a_new_item_does_not_inherit_the_grants_of_a_deleted_one(world, meeting, signed_in):
    old = _restricted(world, meeting)
    services.item_delete(item=old, expected_revision=None)
    new = add(meeting, NEW, planned_minutes=10)
    services.item_restrict(item=new, expected_revision=None, restricted=True, agencies=[])
    assert new.pk != old.pk
    for person in (world.partner_member, world.member):
        assert not _sees(person, new.pk)
        page = signed_in(person).get(f"/meetings/{meeting.pk}/").content.decode()
        assert NEW not in page
    assert _sees(world.chair, new.pk)


def test_a_new_item_given_the_deleted_items_id_inherits_nothing(world, meeting, signed_in):
    old = _restricted(world, meeting)
    old_pk = old.pk
    agenda_publish(meeting=meeting, by=world.chair)  # a version whose snapshot grants it to SL
    record_reads(world.partner_member, [old], "meetings:meeting")
    services.item_delete(item=old, expected_revision=None)
    assert RestrictedRead.objects.filter(item_id=old_pk).count() == 0  # the log let go of it

    new = AgendaItem.objects.create(
        pk=old_pk, meeting=meeting, title=NEW, restricted=True, position=99
    )
    assert new.pk == old_pk and _grants(old_pk) == 0
    for person in (world.partner_member, world.member):
        assert not _sees(person, old_pk)
        assert not access.granted_item_ids(person).filter(id=old_pk).exists()
        client = signed_in(person)
        assert NEW not in client.get(f"/meetings/{meeting.pk}/").content.decode()
        version = client.get(f"/meetings/{meeting.pk}/versions/1/").content.decode()
        assert NEW not in version and OLD not in version
        assert client.get(f"/meetings/{meeting.pk}/agenda.pdf").status_code == 200
    # The chair sees the new item, and no read of the old one is laid at its door.
    assert _sees(world.chair, old_pk)
    log = signed_in(world.chair).get(f"/audit/?item={old_pk}").content.decode()
    assert "0 reads" in log


def test_a_restricted_item_with_guests_cannot_be_deleted(world, meeting, secret_item):
    """Its guests would be left as guests of the whole meeting, named to every partner."""
    attendance_services.invitation_add(
        meeting=meeting,
        by=world.clerk,
        capacity=Invitation.Capacity.GUEST,
        pseudonym="Witness Shelducky",
        agenda_item=secret_item,
    )
    with pytest.raises(ValidationError, match="Guests are invited"):
        services.item_delete(item=secret_item, expected_revision=None)
    assert Invitation.objects.get(pseudonym="Witness Shelducky").agenda_item == secret_item


def test_an_item_with_actions_is_refused_not_a_server_error(world, meeting, signed_in):
    from actions.services import action_create

    item = meeting.items.get(title="Any other business")
    action_create(
        by=world.clerk,
        committee=world.committee,
        agenda_item=item,
        description="Follow up",
        owning_agency=world.mps,
    )
    meeting.refresh_from_db()
    response = signed_in(world.chair).post(
        f"/meetings/items/{item.pk}/delete/",
        {"revision": meeting.agenda_revision, "confirm": "yes"},
    )
    assert response.status_code == 400
    assert "Actions were recorded on this item" in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()
