"""Tripwire: nobody holds a model-level permission on a guarded model, and the access module
never lets a global permission open a restricted item.

Restricted items are opened by django-guardian object permissions on the direct foreign-key
tables only (DESIGN.md section 3). A model-level `meetings.view_agendaitem` given to a person or
a group by mistake (in the admin, by a fixture, by a migration) must change nothing.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from guardian.models import GroupObjectPermission, UserObjectPermission

from actions.visibility import visible_actions
from agencies.models import User
from audit.guarded import GUARDED_MODELS
from meetings import access
from meetings.models import AgendaItem, AgendaItemGroupObjectPermission

from .checks import BACKEND

pytestmark = pytest.mark.django_db

# The oracle, written out: the models whose rows carry restricted content.
GUARDED = {
    "meetings.agendaitem",
    "meetings.paper",
    "meetings.publicquestion",
    "meetings.agendaversion",
    "meetings.agendaitemuserobjectpermission",
    "meetings.agendaitemgroupobjectpermission",
    "minutes.minute",
    "minutes.resolution",
    "minutes.minuteamendment",
    "minutes.minutescomment",
    "actions.action",
    "actions.actionupdate",
    "attendance.invitation",
    "attendance.declaration",
    "attendance.attendancechange",
}


def model_permissions_held() -> list[str]:
    """Every model-level permission on a guarded model that a user or a group holds."""
    labels = {label.split(".")[0] for label in GUARDED}
    types = [
        ct
        for ct in ContentType.objects.filter(app_label__in=labels)
        if f"{ct.app_label}.{ct.model}" in GUARDED
    ]
    permissions = Permission.objects.filter(content_type__in=types)
    held = [
        f"user {row.user_id}: {row.permission.codename}"
        for row in User.user_permissions.through.objects.filter(
            permission__in=permissions
        ).select_related("permission")
    ]
    held += [
        f"group {row.group.name}: {row.permission.codename}"
        for row in Group.permissions.through.objects.filter(
            permission__in=permissions
        ).select_related("permission", "group")
    ]
    return held


def generic_item_grants() -> int:
    """Grants on agenda items in guardian's generic tables (they must use the direct ones)."""
    item_type = ContentType.objects.get_for_model(AgendaItem)
    return (
        UserObjectPermission.objects.filter(content_type=item_type).count()
        + GroupObjectPermission.objects.filter(content_type=item_type).count()
    )


def test_the_oracle_is_the_products_list_of_guarded_models():
    assert GUARDED <= GUARDED_MODELS


def test_the_demo_gives_nobody_a_model_permission_on_a_guarded_model():
    call_command("load_demo", password="tripwire-demo", stdout=StringIO())
    assert AgendaItem.objects.filter(restricted=True).exists()
    assert AgendaItemGroupObjectPermission.objects.exists(), "the demo grants restricted items"
    assert model_permissions_held() == []
    assert generic_item_grants() == 0


def test_the_security_world_gives_nobody_a_model_permission_on_a_guarded_model(sworld):
    assert AgendaItem.objects.filter(restricted=True).count() == 3
    assert model_permissions_held() == []
    assert generic_item_grants() == 0


def test_the_tripwire_trips():
    """It is not vacuous: a model-level permission given by mistake is reported."""
    group = Group.objects.create(name="careless")
    group.permissions.add(Permission.objects.get(codename="view_agendaitem"))
    assert model_permissions_held() == ["group careless: view_agendaitem"]


@pytest.mark.parametrize("holder", ["user", "group"])
def test_a_global_permission_never_opens_a_restricted_item(sworld, client, holder):
    """An MPS member given meetings.view_agendaitem (and actions.view_action) globally, on
    their own or through the MPS group, still sees the placeholder and gets 404s."""
    w = sworld
    member = w.users["member"]
    wanted = Permission.objects.filter(
        codename__in=["view_agendaitem", "change_agendaitem", "view_action", "view_paper"]
    )
    if holder == "user":
        member.user_permissions.add(*wanted)
    else:
        w.mps.group.permissions.add(*wanted)
    member = User.objects.get(pk=member.pk)  # no cached permissions
    assert member.has_perm("meetings.view_agendaitem")  # the permission is really held
    assert not access.granted_item_ids(member).filter(id=w.item.pk).exists()
    assert not access.visible_agenda_items(member).filter(pk=w.item.pk).exists()
    assert not visible_actions(member).filter(pk=w.action.pk).exists()
    client.force_login(member, backend=BACKEND)
    page = client.get(f"/meetings/{w.meeting.pk}/").content.decode()
    assert "Restricted item 3" in page and "Kestrelhaven" not in page
    assert client.get(f"/meetings/items/{w.item.pk}/").status_code == 404
    assert client.get(f"/meetings/papers/{w.paper.pk}/").status_code == 404
    assert client.get(f"/actions/{w.action.pk}/").status_code == 404
    # The access module's control: the grantee's group does open it.
    assert access.visible_agenda_items(w.users["granted"]).filter(pk=w.item.pk).exists()


def test_a_global_permission_does_not_open_the_admin_of_restricted_items(sworld, client):
    w = sworld
    staff = w.users["staff"]
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_agendaitem", "change_agendaitem"])
    )
    client.force_login(User.objects.get(pk=staff.pk), backend=BACKEND)
    page = client.get("/admin/meetings/agendaitem/").content.decode()
    assert "Neighbourhood policing" in page and "Kestrelhaven" not in page
    response = client.get(f"/admin/meetings/agendaitem/{w.item.pk}/change/")
    assert response.status_code == 302 and "Kestrelhaven" not in str(response.cookies)
