"""Minutes pages and PDF: who reads, who writes, restricted minutes hidden everywhere, bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minutes import services
from minutes.models import Minute, MinuteAmendment, Minutes, MinutesComment
from tests.agenda_fixtures import MEETING_DAY, after_meeting, long_date
from tests.meetings.test_exports import pdf_text

from .conftest import SECRET_MINUTE, item

pytestmark = pytest.mark.django_db

SECRET_WORDS = ("Kestrel", "Ptarmigan", "Survivor testimony")


def doc_url(meeting) -> str:
    return reverse("minutes:document", args=[meeting.pk])


def pdf_url(meeting) -> str:
    return reverse("minutes:pdf", args=[meeting.pk])


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def assert_no_secret(text: str) -> None:
    for word in SECRET_WORDS:
        assert word not in text


# --- who reads what -------------------------------------------------------------------------


def test_everyone_who_sees_the_meeting_sees_the_stage(world, meeting, signed_in):
    for person in (world.member, world.partner_member, world.chair):
        body = page(signed_in(person), meeting.get_absolute_url())
        assert "Not started" in body
    services.minute_save(
        item=item(meeting, 1), by=world.chair, narrative="x", resolutions=[], expected_revision=0
    )
    body = page(signed_in(world.partner_member), meeting.get_absolute_url())
    assert 'id="minutes-stage-tag">Draft<' in body


def test_draft_minutes_are_read_only_by_officers(world, meeting, drafted, signed_in):
    member = signed_in(world.member)
    body = page(member, doc_url(meeting))
    assert "being drafted by the chair and secretariat" in body
    assert "There was no other business" not in body
    assert_no_secret(body)
    assert member.get(pdf_url(meeting)).status_code == 403
    clerk = page(signed_in(world.clerk), doc_url(meeting))
    assert "There was no other business" in clerk and SECRET_MINUTE in clerk


def test_outsiders_get_404_everywhere(world, meeting, circulated, signed_in):
    outsider = signed_in(world.outsider)
    urls = [
        doc_url(meeting),
        pdf_url(meeting),
        reverse("minutes:edit", args=[item(meeting, 4).pk]),
        reverse("minutes:amend", args=[item(meeting, 4).pk]),
    ]
    for url in urls:
        assert outsider.get(url).status_code == 404
    posts = ["minutes:circulate", "minutes:approve", "minutes:comment"]
    for name in posts:
        response = outsider.post(reverse(name, args=[meeting.pk]), {"text": "hi", "minutes": 1})
        assert response.status_code == 404
    assert not MinutesComment.objects.exists()


def test_members_and_leads_cannot_edit_circulate_approve_or_amend(
    world, meeting, drafted, later_meeting, signed_in
):
    aob = item(meeting, 4)
    for person in (world.member, world.lead, world.partner_member):
        client = signed_in(person)
        assert client.get(reverse("minutes:edit", args=[aob.pk])).status_code == 403
        response = client.post(
            reverse("minutes:edit", args=[aob.pk]),
            {"revision": 1, "narrative": "Hijacked", "resolutions": ""},
        )
        assert response.status_code == 403
        assert client.post(reverse("minutes:circulate", args=[meeting.pk])).status_code == 403
        response = client.post(
            reverse("minutes:approve", args=[later_meeting.pk]), {"minutes": drafted.pk}
        )
        assert response.status_code == 403
        assert client.get(reverse("minutes:amend", args=[aob.pk])).status_code == 403
        # A restricted item they may not see does not exist for them.
        secret = meeting.items.get(restricted=True)
        assert client.get(reverse("minutes:edit", args=[secret.pk])).status_code == 404
    aob.minute.refresh_from_db()
    assert aob.minute.narrative == "There was no other business."
    drafted.refresh_from_db()
    assert drafted.stage == Minutes.Stage.DRAFT


def test_restricted_minute_is_a_placeholder_on_the_page_and_pdf(
    world, meeting, circulated, signed_in
):
    services.minutes_comment_add(
        meeting=meeting, item=item(meeting, 3), author=world.chair, text="Kestrel wording is fine"
    )
    for person in (world.member, world.lead, world.partner_member):
        client = signed_in(person)
        body = page(client, doc_url(meeting))
        assert "Restricted item 3" in body
        assert "There was no other business" in body
        assert_no_secret(body)
        assert SECRET_MINUTE not in body
        text = pdf_text(client.get(pdf_url(meeting)).content)
        assert "Restricted item 3" in text and "There was no other business" in text
        assert_no_secret(text)
    chair = signed_in(world.chair)
    body = page(chair, doc_url(meeting))
    assert SECRET_MINUTE in body and "Ptarmigan" in body and "Kestrel wording" in body
    text = pdf_text(chair.get(pdf_url(meeting)).content)
    assert "Ptarmigan" in text


def test_restricted_amendments_are_hidden(world, meeting, approved, signed_in):
    secret = meeting.items.get(restricted=True)
    services.minute_amend(
        item=secret,
        by=world.chair,
        reason="Kestrel was misspelt",
        narrative="Ms X described the Kestrel Estate.",
        resolutions=[],
        expected_revision=secret.minute.revision,
    )
    services.minute_amend(
        item=item(meeting, 4),
        by=world.chair,
        reason="Typo in the AOB",
        narrative="There was no further business.",
        resolutions=[],
        expected_revision=None,
    )
    member = signed_in(world.member)
    body = page(member, doc_url(meeting))
    assert "Typo in the AOB" in body and "There was no further business." in body
    assert "misspelt" not in body
    assert_no_secret(body)
    text = pdf_text(member.get(pdf_url(meeting)).content)
    assert "Typo in the AOB" in text and "misspelt" not in text
    assert_no_secret(text)
    chair = page(signed_in(world.chair), doc_url(meeting))
    assert "Kestrel was misspelt" in chair and "Typo in the AOB" in chair


def test_granted_partner_reads_the_restricted_minute(world, meeting, circulated, signed_in):
    from meetings import services as meeting_services

    secret = meeting.items.get(restricted=True)
    meeting_services.item_restrict(
        item=secret, expected_revision=None, restricted=True, agencies=[world.safer_london]
    )
    assert SECRET_MINUTE in page(signed_in(world.partner_member), doc_url(meeting))
    assert SECRET_MINUTE not in page(signed_in(world.member), doc_url(meeting))


# --- the flow through the pages -------------------------------------------------------------


def test_chair_drafts_circulates_partner_comments_and_next_meeting_approves(
    world, meeting, later_meeting, signed_in
):
    chair = signed_in(world.chair)
    aob = item(meeting, 4)
    form = page(chair, reverse("minutes:edit", args=[aob.pk]))
    assert "Minute of item 4" in form
    response = chair.post(
        reverse("minutes:edit", args=[aob.pk]),
        {
            "revision": 0,
            "narrative": "The Chair thanked the guests.\r\n\r\nThe meeting noted the letter.",
            "resolutions": "(a) That the letter be noted; and\r\n\r\n(b) That a reply be sent.",
        },
    )
    assert response.status_code == 302
    body = page(chair, doc_url(meeting))
    assert "4.1" in body and "4.2" in body and "The meeting noted the letter." in body
    assert "(a) That the letter be noted; and" in body and "(b) That a reply be sent." in body
    assert chair.post(reverse("minutes:circulate", args=[meeting.pk])).status_code == 302

    partner = signed_in(world.partner_member)
    body = page(partner, doc_url(meeting))
    assert "Circulated for comment" in body and "Send comment" in body
    response = partner.post(
        reverse("minutes:comment", args=[meeting.pk]),
        {"item": aob.pk, "text": "Please name the letter."},
    )
    assert response.status_code == 302
    assert MinutesComment.objects.get().item == aob

    chair = signed_in(world.chair)
    assert "Please name the letter." in page(chair, reverse("minutes:edit", args=[aob.pk]))
    later = page(chair, doc_url(later_meeting))
    assert f"Approve the minutes of {long_date(MEETING_DAY)}" in later
    record = Minutes.objects.get(meeting=meeting)
    response = chair.post(
        reverse("minutes:approve", args=[later_meeting.pk]), {"minutes": record.pk}
    )
    assert response.status_code == 302
    later = page(chair, doc_url(later_meeting))
    assert (
        f"That the minutes of the MOPAC Challenge meeting held on {long_date(MEETING_DAY)}" in later
    )
    body = page(signed_in(world.member), doc_url(meeting))
    assert "Approved and locked" in body and f"meeting of {long_date(after_meeting(12))}" in body
    assert "Please name the letter." in body


def test_a_locked_minute_opens_the_amendment_form(world, meeting, approved, signed_in):
    chair = signed_in(world.chair)
    aob = item(meeting, 4)
    response = chair.get(reverse("minutes:edit", args=[aob.pk]))
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("minutes:amend", args=[aob.pk])
    )
    response = chair.post(
        reverse("minutes:amend", args=[aob.pk]),
        {
            "revision": aob.minute.revision,
            "narrative": "There was one item of urgent business.",
            "resolutions": "",
            "reason": "The urgent item was left out.",
        },
    )
    assert response.status_code == 302
    amendment = MinuteAmendment.objects.get()
    assert amendment.made_by == world.chair and amendment.reason == "The urgent item was left out."
    body = page(signed_in(world.member), doc_url(meeting))
    assert "The urgent item was left out." in body and "There was no other business." in body


# --- bad input ------------------------------------------------------------------------------


def test_editing_locked_minutes_is_refused_and_keeps_the_text(world, meeting, approved, signed_in):
    aob = item(meeting, 4)
    response = signed_in(world.chair).post(
        reverse("minutes:edit", args=[aob.pk]),
        {"revision": aob.minute.revision, "narrative": "A silent rewrite", "resolutions": ""},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "are locked" in body and "A silent rewrite" in body
    aob.minute.refresh_from_db()
    assert aob.minute.narrative == "There was no other business."


def test_stale_edit_gets_409_with_the_text_kept(world, meeting, drafted, signed_in):
    aob = item(meeting, 4)
    response = signed_in(world.chair).post(
        reverse("minutes:edit", args=[aob.pk]),
        {"revision": 0, "narrative": "My late version", "resolutions": "That it be late."},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else changed this minute" in body
    assert "My late version" in body and "That it be late." in body
    assert Minute.objects.get(item=aob).narrative == "There was no other business."


def test_bad_form_input_is_a_400_with_the_text_kept(world, meeting, drafted, signed_in):
    aob = item(meeting, 4)
    response = signed_in(world.chair).post(
        reverse("minutes:edit", args=[aob.pk]),
        {"revision": "not a number", "narrative": "Kept words", "resolutions": ""},
    )
    assert response.status_code == 400 and "Kept words" in response.content.decode()
    response = signed_in(world.chair).post(
        reverse("minutes:amend", args=[aob.pk]),
        {"revision": 1, "narrative": "x", "resolutions": "", "reason": "r"},
    )
    assert response.status_code == 409
    assert "not approved yet" in response.content.decode()


def test_amendment_without_a_reason_is_refused(world, meeting, approved, signed_in):
    aob = item(meeting, 4)
    response = signed_in(world.chair).post(
        reverse("minutes:amend", args=[aob.pk]),
        {"revision": aob.minute.revision, "narrative": "New words", "resolutions": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Give the reason for the amendment" in body and "New words" in body
    assert not MinuteAmendment.objects.exists()


def test_approving_twice_or_at_the_wrong_meeting_is_refused(
    world, meeting, circulated, later_meeting, signed_in
):
    chair = signed_in(world.chair)
    same = chair.post(reverse("minutes:approve", args=[meeting.pk]), {"minutes": circulated.pk})
    assert same.status_code == 400
    assert "cannot be approved at the meeting they record" in same.content.decode()
    ok = chair.post(reverse("minutes:approve", args=[later_meeting.pk]), {"minutes": circulated.pk})
    assert ok.status_code == 302
    again = chair.post(
        reverse("minutes:approve", args=[later_meeting.pk]), {"minutes": circulated.pk}
    )
    assert again.status_code == 409
    assert (
        f"already approved at the meeting of {long_date(after_meeting(12))}"
        in again.content.decode()
    )
    # Approving the later meeting's minutes at the earlier meeting.
    services.minutes_circulate(meeting=later_meeting, by=world.chair)
    later_record = Minutes.objects.get(meeting=later_meeting)
    back = chair.post(reverse("minutes:approve", args=[meeting.pk]), {"minutes": later_record.pk})
    assert back.status_code == 400
    assert "is not later than" in back.content.decode()
    later_record.refresh_from_db()
    assert later_record.stage == Minutes.Stage.CIRCULATED
    assert chair.post(reverse("minutes:approve", args=[later_meeting.pk]), {}).status_code == 400


def test_comments_only_while_circulated(world, meeting, drafted, signed_in):
    member = signed_in(world.member)
    early = member.post(reverse("minutes:comment", args=[meeting.pk]), {"text": "Too soon"})
    assert early.status_code == 409
    assert "only while the minutes are circulated" in early.content.decode()
    services.minutes_circulate(meeting=meeting, by=world.chair)
    empty = member.post(reverse("minutes:comment", args=[meeting.pk]), {"text": ""})
    assert empty.status_code == 400 and "Enter your comment" in empty.content.decode()
    secret = meeting.items.get(restricted=True)
    hidden = member.post(
        reverse("minutes:comment", args=[meeting.pk]), {"item": secret.pk, "text": "Peek"}
    )
    assert hidden.status_code == 400
    assert not MinutesComment.objects.exists()


def test_circulating_twice_is_refused(world, meeting, circulated, signed_in):
    response = signed_in(world.clerk).post(reverse("minutes:circulate", args=[meeting.pk]))
    assert response.status_code == 409
    assert "already circulated" in response.content.decode()
