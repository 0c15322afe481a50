"""Destructive buttons ask first, on a page of their own that says what will happen; only that
page's form does it. Cancelled meetings stop offering edit and record links."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.services import action_create
from attendance.services.invitations import invitations_generate
from meetings import services
from meetings.models import AgendaItem, Meeting, Paper
from meetings.services.agenda import item_grants
from tests.agenda_fixtures import SECRET, add
from tests.factories import person_in

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


# --- cancel a meeting -------------------------------------------------------------------------


def test_cancel_asks_first_and_says_who_is_concerned(world, meeting, signed_in):
    invited = len(invitations_generate(meeting=meeting, by=world.clerk))
    assert invited > 1
    client = signed_in(world.clerk)
    url = reverse("meetings:cancel", args=[meeting.pk])
    page = client.get(url)
    assert page.status_code == 200
    text = _text(page)
    assert f"Cancel “{meeting.title}”?" in text
    assert f"{invited} people are invited" in text
    assert 'name="confirm" value="yes"' in text
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED

    # A POST that did not come from the page is shown the page, and nothing happens.
    unconfirmed = client.post(url, {"revision": meeting.agenda_revision})
    assert unconfirmed.status_code == 400
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED

    done = client.post(url, {"revision": meeting.agenda_revision, "confirm": "yes"})
    assert done.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED


@pytest.mark.parametrize("persona", ["lead", "member", "manager"])
def test_only_officers_reach_the_cancel_page(world, meeting, signed_in, persona):
    client = signed_in(getattr(world, persona))
    url = reverse("meetings:cancel", args=[meeting.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"revision": meeting.agenda_revision, "confirm": "yes"}).status_code
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


def test_the_editor_links_to_the_pages_not_to_posts(world, meeting, signed_in):
    body = signed_in(world.clerk).get(reverse("meetings:editor", args=[meeting.pk])).content
    text = body.decode()
    assert f'href="{reverse("meetings:cancel", args=[meeting.pk])}"' in text
    assert f'action="{reverse("meetings:cancel", args=[meeting.pk])}"' not in text
    aob = meeting.items.get(kind=AgendaItem.Kind.AOB)
    assert f'href="{reverse("meetings:item_delete", args=[aob.pk])}"' in text
    assert f'action="{reverse("meetings:item_delete", args=[aob.pk])}"' not in text


# --- remove an item ---------------------------------------------------------------------------


def test_remove_item_says_what_goes_with_it(world, meeting, signed_in):
    parent = add(meeting, "Safeguarding")
    add(meeting, "Part A", parent=parent)
    add(meeting, "Part B", parent=parent)
    services.paper_add(
        item=parent,
        upload=SimpleUploadedFile("report.txt", b"figures", content_type="text/plain"),
        title="Report",
    )
    client = signed_in(world.clerk)
    url = reverse("meetings:item_delete", args=[parent.pk])
    text = _text(client.get(url))
    assert "Remove item 5, “Safeguarding”?" in text
    assert "Its 2 sub-items will be removed with it." in text
    assert "1 paper attached to it will be deleted." in text
    assert client.post(url, {"revision": meeting.agenda_revision}).status_code == 400
    assert AgendaItem.objects.filter(pk=parent.pk).exists()
    meeting.refresh_from_db()
    done = client.post(url, {"revision": meeting.agenda_revision, "confirm": "yes"})
    assert done.status_code == 302
    assert not AgendaItem.objects.filter(title__in=["Safeguarding", "Part A", "Part B"]).exists()


def test_remove_item_warns_of_its_actions(world, meeting, secret_item, signed_in):
    action_create(
        by=world.clerk,
        committee=world.committee,
        description="Arrange support",
        owning_agency=world.mopac,
        meeting=meeting,
        agenda_item=secret_item,
    )
    client = signed_in(world.clerk)
    url = reverse("meetings:item_delete", args=[secret_item.pk])
    text = _text(client.get(url))
    assert "1 action were recorded on this item, so it cannot be removed" in text
    meeting.refresh_from_db()
    client.post(url, {"revision": meeting.agenda_revision, "confirm": "yes"})
    assert AgendaItem.objects.filter(pk=secret_item.pk).exists()


def test_a_restricted_item_remove_page_is_404_to_the_ungranted(
    world, meeting, secret_item, signed_in
):
    url = reverse("meetings:item_delete", args=[secret_item.pk])
    for user in (world.member, world.outsider):
        response = signed_in(user).get(url)
        assert response.status_code == 404
        assert SECRET not in response.content.decode()


# --- remove a paper ---------------------------------------------------------------------------


def test_remove_paper_asks_first(world, meeting, secret_item, signed_in):
    paper = services.paper_add(
        item=secret_item,
        upload=SimpleUploadedFile("appendix.txt", b"detail", content_type="text/plain"),
        title="Ptarmigan appendix",
    )
    url = reverse("meetings:paper_delete", args=[paper.pk])
    assert signed_in(world.member).get(url).status_code == 404
    granted = person_in(world.mopac, email="analyst@mopac.example")
    assert signed_in(granted).get(url).status_code == 403
    client = signed_in(world.clerk)
    text = _text(client.get(url))
    assert "Remove the paper “Ptarmigan appendix”?" in text
    assert "leaves the agenda pack" in text
    assert client.post(url).status_code == 400
    assert Paper.objects.filter(pk=paper.pk).exists()
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert not Paper.objects.filter(pk=paper.pk).exists()


# --- revoke a grant ---------------------------------------------------------------------------


def test_revoking_a_grant_asks_first_and_names_the_actions(world, meeting, secret_item, signed_in):
    action_create(
        by=world.clerk,
        committee=world.committee,
        description="Arrange support",
        owning_agency=world.mopac,
        meeting=meeting,
        agenda_item=secret_item,
    )
    client = signed_in(world.clerk)
    url = reverse("meetings:item_access", args=[secret_item.pk])
    meeting.refresh_from_db()
    chosen = {"revision": meeting.agenda_revision, "restricted": "on", "agencies": [world.mps.pk]}
    page = client.post(url, chosen)
    assert page.status_code == 200
    text = _text(page)
    assert f"{world.mopac.name} will no longer see this item" in text
    assert f"1 action owned by {world.mopac.name} is still open on this item" in text
    # Everything chosen is carried by the page.
    assert f'name="agencies" value="{world.mps.pk}"' in text
    assert 'name="restricted" value="on"' in text
    assert item_grants(secret_item)[0] == [world.mopac]

    done = client.post(url, {**chosen, "confirm": "yes"})
    assert done.status_code == 302
    assert item_grants(secret_item)[0] == [world.mps]


def test_widening_access_needs_no_confirmation(world, meeting, secret_item, signed_in):
    client = signed_in(world.clerk)
    url = reverse("meetings:item_access", args=[secret_item.pk])
    meeting.refresh_from_db()
    agencies = [world.mopac.pk, world.mps.pk]
    response = client.post(
        url, {"revision": meeting.agenda_revision, "restricted": "on", "agencies": agencies}
    )
    assert response.status_code == 302
    assert set(item_grants(secret_item)[0]) == {world.mopac, world.mps}


# --- cancelled meetings offer nothing to edit or record ---------------------------------------


def test_a_cancelled_meeting_offers_no_edit_or_record_links(world, meeting, signed_in):
    client = signed_in(world.clerk)
    before = client.get(meeting.get_absolute_url()).content.decode()
    assert "Edit the agenda" in before and "Record an action" in before
    services.meeting_cancel(meeting=meeting, expected_revision=None)
    page = _text(client.get(meeting.get_absolute_url()))
    assert "This meeting was cancelled" in page
    for link in ("Edit the agenda", "Record an action", "Record attendance", "Start the minutes"):
        assert link not in page, link
    editor = _text(client.get(reverse("meetings:editor", args=[meeting.pk])))
    for control in ("Add an item", "Move up", "Remove", "Publish the agenda", "Insert after"):
        assert control not in editor, control
    attendance = _text(client.get(reverse("attendance:meeting", args=[meeting.pk])))
    assert "its attendance cannot be changed" in attendance
    assert "Invite the committee" not in attendance
    assert "Save attendance" not in attendance
