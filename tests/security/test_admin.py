"""The admin: staff who are not superusers see only what the access rule lets them see, change
nothing guarded, and are never shown restricted rows on a deletion's confirmation page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from audit.models import RestrictedRead

from .checks import BACKEND
from .world import SECRETS

pytestmark = pytest.mark.django_db

TITLE = SECRETS["title"]


def _as(client, user):
    client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def sl_staff(sworld):
    """The SL member (granted the item) as staff, with the outbox to view."""
    granted = sworld.users["granted"]
    granted.is_staff = True
    granted.save(update_fields=["is_staff"])
    granted.user_permissions.add(Permission.objects.get(codename="view_delivery"))
    return granted


def test_staff_see_the_items_and_actions_they_may_see_and_no_others(sworld, client):
    w = sworld
    browser = _as(client, w.users["staff"])
    items = browser.get("/admin/meetings/agendaitem/")
    assert items.status_code == 200
    shown = set(items.context["cl"].result_list)
    assert w.public_item in shown and not shown & set(w.restricted_items)
    assert TITLE not in items.content.decode()
    actions = set(browser.get("/admin/actions/action/").context["cl"].result_list)
    assert actions == {w.public_action}
    for url in (
        f"/admin/meetings/agendaitem/{w.item.pk}/change/",
        f"/admin/meetings/agendaitem/{w.item.pk}/history/",
        f"/admin/actions/action/{w.action.pk}/change/",
    ):
        response = browser.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/", url


def test_staff_granted_the_item_see_it_and_change_nothing(sworld, client, sl_staff):
    w = sworld
    browser = _as(client, sl_staff)
    page = browser.get("/admin/meetings/agendaitem/").content.decode()
    assert TITLE in page
    change = f"/admin/meetings/agendaitem/{w.item.pk}/change/"
    response = browser.get(change)
    assert response.status_code == 200 and TITLE in response.content.decode()
    assert "Save" not in response.content.decode()  # a view-only page
    before = RestrictedRead.objects.count()
    browser.get(change)
    assert RestrictedRead.objects.filter(reader=sl_staff).count() > 0
    assert RestrictedRead.objects.count() > before  # the admin's reads are logged too
    assert browser.post(change, {"title": "Changed"}).status_code == 403
    delete = f"/admin/meetings/agendaitem/{w.item.pk}/delete/"
    assert browser.post(delete, {"post": "yes"}).status_code == 403
    w.item.refresh_from_db()
    assert TITLE in w.item.title


def test_superusers_see_everything(sworld, client):
    w = sworld
    browser = _as(client, w.users["superuser"])
    shown = set(browser.get("/admin/meetings/agendaitem/").context["cl"].result_list)
    assert set(w.restricted_items) <= shown
    shown = set(browser.get("/admin/actions/action/").context["cl"].result_list)
    assert {w.action, w.action_mps, w.public_action} <= shown


def test_the_outbox_shows_staff_the_rows_of_actions_they_may_see(sworld, client, sl_staff):
    w = sworld

    def references(user) -> set[str]:
        rows = _as(client, user).get("/admin/actions/delivery/").context["cl"].result_list
        return {row.notification.action.reference for row in rows}

    restricted = {w.action.reference, w.action_mps.reference}
    assert references(w.users["staff"]) == {w.public_action.reference}
    assert references(sl_staff) >= restricted
    assert references(w.users["superuser"]) >= restricted | {w.public_action.reference}


def test_a_deletion_page_lists_no_restricted_rows_to_staff(sworld, client):
    """Deleting the adviser would delete their grant on the restricted sub-item: staff are told
    only that they may not, superusers see the row and their read is logged."""
    w = sworld
    url = f"/admin/agencies/user/{w.adviser.pk}/delete/"
    page = _as(client, w.users["staff"]).get(url).content.decode()
    assert SECRETS["sub_item"] not in page
    assert "agenda item user object permission" in page  # the kind of row, not the row
    response = _as(client, w.users["staff"]).post(url, {"post": "yes"})
    assert response.status_code == 403
    before = RestrictedRead.objects.count()
    page = _as(client, w.users["superuser"]).get(url).content.decode()
    assert SECRETS["sub_item"] in page
    assert (
        RestrictedRead.objects.filter(
            reader=w.users["superuser"],
            object_id=w.sub_item.pk,
            surface="admin:agencies_user_delete",
        ).count()
        == 1
    )
    assert RestrictedRead.objects.count() == before + 1


def test_staff_of_another_committee_see_only_its_items(sworld, client):
    w = sworld
    outsider = w.users["outsider"]
    outsider.is_staff = True
    outsider.save(update_fields=["is_staff"])
    shown = set(_as(client, outsider).get("/admin/meetings/agendaitem/").context["cl"].result_list)
    assert shown == {w.other_item}


def test_staff_outside_every_committee_do_not_get_the_guarded_admins(client):
    from tests.factories import UserFactory

    browser = _as(client, UserFactory(is_staff=True))
    assert browser.get("/admin/meetings/agendaitem/").status_code == 403
    assert browser.get("/admin/actions/action/").status_code == 403
    assert "Agenda items" not in browser.get("/admin/").content.decode()
