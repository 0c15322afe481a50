"""Assigning, progress updates with evidence, completing, closing, dropping and reopening through
the action page: each form only for those allowed, bad input a 4xx with nothing saved."""

import datetime
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.models import Action, ActionUpdate
from meetings import services as meeting_services
from tests.factories import granted_while

pytestmark = pytest.mark.django_db
S = Action.Status
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
SECRET_ACTION = "Arrange ISVA support for the survivor who gave testimony"


@pytest.fixture
def action(world, meeting):
    created, _ = services.action_create(
        by=world.clerk,
        committee=world.committee,
        agenda_item=meeting.items.get(title="Minutes of the last meeting"),
        description="Write to the Committee with CSE referrals by borough",
        owning_agency=world.mps,
        due_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    return created


@pytest.fixture
def secret_action(world, secret_item):
    # Recorded while MPS was granted the item; its grant was revoked since.
    with granted_while(secret_item, world.mps):
        created, _ = services.action_create(
            by=world.chair,
            committee=world.committee,
            agenda_item=secret_item,
            description=SECRET_ACTION,
            owning_agency=world.mps,
            owner=world.member,
        )
    return created


def _page(client, action) -> str:
    response = client.get(action.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _assign(action) -> str:
    return reverse("actions:assign", args=[action.pk])


def _update(action) -> str:
    return reverse("actions:update", args=[action.pk])


def _pdf(name="letter.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


# --- the page shows each form only to those allowed -------------------------------------------


def test_the_lead_sees_the_assign_and_update_forms(world, action, signed_in):
    body = _page(signed_in(world.lead), action)
    assert f'action="{_assign(action)}"' in body
    assert f'action="{_update(action)}"' in body
    assert "item 2: Minutes of the last meeting" in body
    # The lead moves the action along like its owner, but cannot close or drop it.
    assert "Completed" in body and "Closed (accepted as done)" not in body


def test_the_owner_updates_but_does_not_assign(world, action, signed_in):
    services.action_assign(by=world.lead, action=action, owner=world.member)
    body = _page(signed_in(world.member), action)
    assert "/update/" in body and "/assign/" not in body


def test_others_who_see_the_action_get_no_forms(world, action, signed_in):
    for person in (world.member, world.partner_member):
        body = _page(signed_in(person), action)
        assert "/update/" not in body and "/assign/" not in body


def test_officers_may_close_and_drop(world, action, signed_in):
    body = _page(signed_in(world.chair), action)
    assert "Closed (accepted as done)" in body and "Dropped (no longer needed)" in body
    assert "/assign/" in body


# --- assign -------------------------------------------------------------------------------------


def test_the_lead_assigns_to_a_member_of_the_agency(world, action, signed_in):
    response = signed_in(world.lead).post(_assign(action), {"owner": world.member.pk}, follow=True)
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.owner == world.member
    assert f"is now assigned to {world.member.full_name}" in response.content.decode()
    assert action.updates.get().note == f"Assigned to {world.member}."


def test_assigning_outside_the_agency_is_refused(world, action, signed_in):
    client = signed_in(world.lead)
    for person in (world.partner_member, world.outsider):
        response = client.post(_assign(action), {"owner": person.pk})
        assert response.status_code == 400
        assert "Choose a person of the owning agency from the list" in response.content.decode()
    response = client.post(_assign(action), {"owner": "not-a-number"})
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.owner is None and not action.updates.exists()


def test_only_the_lead_managers_or_officers_assign(world, action, signed_in):
    for person in (world.member, world.partner_member):
        assert signed_in(person).post(_assign(action), {"owner": person.pk}).status_code == 403
    assert signed_in(world.outsider).post(_assign(action), {"owner": ""}).status_code == 404
    assert signed_in(world.clerk).post(_assign(action), {"owner": world.lead.pk}).status_code == 302
    action.refresh_from_db()
    assert action.owner == world.lead


def test_a_restricted_action_cannot_be_reached_by_the_lead(world, secret_action, signed_in):
    client = signed_in(world.lead)
    assert client.get(secret_action.get_absolute_url()).status_code == 404
    assert client.post(_assign(secret_action), {"owner": world.lead.pk}).status_code == 404
    assert client.post(_update(secret_action), {"note": "x"}).status_code == 404
    secret_action.refresh_from_db()
    assert secret_action.owner == world.member and not secret_action.updates.exists()


def test_assign_is_post_only(world, action, signed_in):
    assert signed_in(world.lead).get(_assign(action)).status_code == 405


# --- progress updates ---------------------------------------------------------------------------


def test_the_owner_completes_with_a_note_and_evidence(world, action, signed_in):
    services.action_assign(by=world.lead, action=action, owner=world.member)
    client = signed_in(world.member)
    response = client.post(
        _update(action),
        {"note": "Letter sent to the Chair.", "status": S.COMPLETED, "evidence": _pdf()},
        follow=True,
    )
    assert response.status_code == 200
    assert "is Completed" in response.content.decode()
    action.refresh_from_db()
    update = action.updates.latest("id")
    assert action.status == S.COMPLETED
    assert (update.status_from, update.status_to, update.note) == (
        S.OPEN,
        S.COMPLETED,
        "Letter sent to the Chair.",
    )
    assert update.evidence_name == "letter.pdf"
    assert reverse("actions:evidence", args=[update.pk]) in response.content.decode()


def test_evidence_is_downloaded_only_by_those_who_see_the_action(
    world, action, secret_action, signed_in
):
    services.action_update(by=world.lead, action=action, note="Letter", evidence=_pdf())
    services.action_update(
        by=world.chair, action=secret_action, note="ISVA letter", evidence=_pdf("isva.pdf")
    )
    seen = reverse("actions:evidence", args=[action.updates.get().pk])
    hidden = reverse("actions:evidence", args=[secret_action.updates.get().pk])
    for person in (world.member, world.partner_member, world.chair):
        response = signed_in(person).get(seen)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert 'attachment; filename="letter.pdf"' in response["Content-Disposition"]
        assert b"".join(response.streaming_content) == PDF
    assert signed_in(world.outsider).get(seen).status_code == 404
    for person in (world.lead, world.manager, world.partner_member, world.outsider):
        assert signed_in(person).get(hidden).status_code == 404
    assert signed_in(world.chair).get(hidden).status_code == 200
    note_only = services.action_update(by=world.lead, action=action, note="No file")
    url = reverse("actions:evidence", args=[note_only.pk])
    assert signed_in(world.lead).get(url).status_code == 404


def test_an_oversized_evidence_file_is_refused_and_nothing_saved(world, action, signed_in):
    big = _pdf("huge.pdf", PDF + b"0" * (services.MAX_EVIDENCE_BYTES + 1 - len(PDF)))
    response = signed_in(world.lead).post(
        _update(action), {"note": "The big report", "status": S.COMPLETED, "evidence": big}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "The file must be smaller than 20 MB." in body and "There is a problem" in body
    assert "The big report" in body  # the note typed is kept
    action.refresh_from_db()
    assert action.status == S.OPEN and not ActionUpdate.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("letter.pdf", b"just some text pretending", "The file's content is not a PDF file."),
        ("payload.exe", b"MZ\x90\x00binary", "The file must be a CSV, DOCX"),
        ("empty.pdf", b"", "The submitted file is empty."),
        ("notes.txt", b"binary\x00\x01\x02", "The file's content is not a TXT file."),
    ],
)
def test_evidence_of_the_wrong_kind_is_refused(world, action, signed_in, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = signed_in(world.lead).post(_update(action), {"note": "See file", "evidence": upload})
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert not ActionUpdate.objects.exists()


def test_the_service_refuses_bad_evidence_too(world, action):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.action_update(
            by=world.lead, action=action, note="x", evidence=_pdf("x.pdf", b"not a pdf")
        )
    assert "not a PDF" in str(error.value)
    assert not ActionUpdate.objects.exists()


def test_a_text_letter_is_accepted(world, action, signed_in):
    upload = SimpleUploadedFile("reply.txt", "Dear Chair, …".encode(), content_type="text/plain")
    response = signed_in(world.lead).post(_update(action), {"note": "", "evidence": upload})
    assert response.status_code == 302
    update = action.updates.get()
    url = reverse("actions:evidence", args=[update.pk])
    assert signed_in(world.member).get(url)["Content-Type"] == "text/plain"


def test_an_empty_update_is_refused(world, action, signed_in):
    response = signed_in(world.lead).post(_update(action), {"note": "  ", "status": ""})
    assert response.status_code == 400
    assert "Write a note, change the status or attach evidence" in response.content.decode()
    assert not ActionUpdate.objects.exists()


def test_completing_a_closed_action_is_refused(world, action, signed_in):
    services.action_assign(by=world.lead, action=action, owner=world.member)
    services.action_update(by=world.member, action=action, status=S.COMPLETED)
    services.action_update(by=world.chair, action=action, status=S.CLOSED)
    before = ActionUpdate.objects.count()
    client = signed_in(world.member)
    # The owner has no moves left, so no status choice is shown ...
    assert "Keep it closed" not in _page(client, action)
    # ... and a stale or forged move is refused with a message, not ignored.
    response = client.post(_update(action), {"note": "Done again", "status": S.COMPLETED})
    body = response.content.decode()
    assert response.status_code == 400
    assert "This action is closed, so you cannot mark it completed." in body
    assert "Done again" in body
    action.refresh_from_db()
    assert action.status == S.CLOSED and ActionUpdate.objects.count() == before


def test_a_nonsense_status_is_refused(world, action, signed_in):
    response = signed_in(world.lead).post(_update(action), {"note": "x", "status": "banana"})
    assert response.status_code == 400
    assert not ActionUpdate.objects.exists()


def test_the_lead_cannot_close(world, action, signed_in):
    response = signed_in(world.lead).post(_update(action), {"status": S.CLOSED})
    assert response.status_code == 400
    assert "This action is open, so you cannot mark it closed." in response.content.decode()
    action.refresh_from_db()
    assert action.status == S.OPEN


def test_only_the_owner_lead_managers_or_officers_update(world, action, signed_in):
    for person in (world.member, world.partner_member):
        assert signed_in(person).post(_update(action), {"note": "x"}).status_code == 403
    assert signed_in(world.outsider).post(_update(action), {"note": "x"}).status_code == 404
    assert not ActionUpdate.objects.exists()


def test_officers_close_drop_and_reopen(world, action, signed_in):
    client = signed_in(world.chair)

    def move(status):
        response = client.post(_update(action), {"note": f"to {status}", "status": status})
        assert response.status_code == 302, response.content.decode()
        action.refresh_from_db()
        return action.status

    assert move(S.DROPPED) == S.DROPPED
    assert "Open (reinstate it)" in _page(client, action)
    assert move(S.OPEN) == S.OPEN
    assert move(S.CLOSED) == S.CLOSED
    assert move(S.IN_PROGRESS) == S.IN_PROGRESS
    moves = [(u.status_from, u.status_to) for u in action.updates.all()]
    assert moves == [
        (S.OPEN, S.DROPPED),
        (S.DROPPED, S.OPEN),
        (S.OPEN, S.CLOSED),
        (S.CLOSED, S.IN_PROGRESS),
    ]


def test_a_granted_agency_member_works_on_a_restricted_action(world, secret_action, signed_in):
    meeting_services.item_restrict(
        item=secret_action.agenda_item,
        expected_revision=None,
        restricted=True,
        agencies=[world.mopac, world.mps],
    )
    client = signed_in(world.member)
    assert SECRET_ACTION in _page(client, secret_action)
    assert client.post(_update(secret_action), {"status": S.IN_PROGRESS}).status_code == 302


def test_a_250_character_evidence_name_is_kept_cleaned_and_stored_at_random(world, action):
    name = "..\\" + "e" * 250 + "\u202e.pdf"
    update = services.action_update(by=world.lead, action=action, note="x", evidence=_pdf(name))
    assert len(update.evidence_name) <= 200
    assert update.evidence_name.endswith(".pdf") and "\\" not in update.evidence_name
    assert "\u202e" not in update.evidence_name
    assert len(update.evidence.name.rsplit("/", 1)[-1]) == 36
