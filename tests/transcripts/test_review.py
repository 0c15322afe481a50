"""The review page: drafts stored against a meeting, seen and decided by its chairs and clerks
only; an accepted draft becomes an action through actions.services, with its quote as source."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from actions.models import Action
from transcripts.models import DraftAction, Transcript

TEXT = """Date: Monday 1 June

Jo Bloggs AM (Chair): Thank you all for coming.

Stephen Greenhalgh (MOPAC): We will write to the Committee with the missing persons figures.

Jo Bloggs AM (Chair): Could you send us a note on the training numbers?

Ann Lee (MPS): Yes, of course.

Ann Lee (MPS): We will always take reports seriously.

Chris Unknown (Nowhere Trust): I will send the Board our survey by the end of March.
"""


@pytest.fixture
def drafted(world, meeting, tmp_path) -> list[DraftAction]:
    """The transcript drafted against the meeting with the command, as a clerk would run it."""
    path = tmp_path / "hearing.txt"
    path.write_text(TEXT)
    call_command("draft_actions", str(path), "--meeting", str(meeting.pk), stdout=io.StringIO())
    return list(DraftAction.objects.filter(meeting=meeting).order_by("line"))


def test_the_command_stores_drafts_matching_speakers_to_the_directory(world, drafted) -> None:
    assert [(d.line, d.speaker) for d in drafted] == [
        (5, "Stephen Greenhalgh"),
        (9, "Ann Lee"),
        (13, "Chris Unknown"),
    ]
    greenhalgh, lee, unknown = drafted
    assert (greenhalgh.person, greenhalgh.agency) == (world.chair, world.mopac)
    assert (lee.person, lee.agency) == (None, world.mps)
    # An unknown speaker is shown as labelled, never invented as a person or an agency.
    assert (unknown.person, unknown.agency, unknown.agency_text) == (None, None, "Nowhere Trust")
    assert all(d.state == DraftAction.State.PENDING for d in drafted)
    assert not Action.objects.exists()


@pytest.mark.parametrize("who", ["chair", "clerk"])
def test_the_meetings_officers_see_drafts_beside_the_quote_in_context(
    world, drafted, signed_in, who
) -> None:
    page = signed_in(getattr(world, who)).get(
        reverse("transcripts:review", args=[drafted[0].meeting_id])
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert "missing persons figures" in body
    assert "Thank you all for coming." in body  # a line of context before the quote
    assert "not in the people directory" in body


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("lead", 403), ("outsider", 404)])
def test_others_do_not_see_or_decide_drafts(world, drafted, signed_in, who, status) -> None:
    client = signed_in(getattr(world, who))
    meeting_id = drafted[0].meeting_id
    assert client.get(reverse("transcripts:review", args=[meeting_id])).status_code == status
    posted = client.post(
        reverse("transcripts:accept", args=[drafted[0].pk]),
        {f"d{drafted[0].pk}-wording": "x", f"d{drafted[0].pk}-owning_agency": world.mps.pk},
    )
    assert posted.status_code == status
    assert client.post(reverse("transcripts:reject", args=[drafted[0].pk])).status_code == status
    assert not Action.objects.exists()
    assert DraftAction.objects.filter(state=DraftAction.State.PENDING).count() == 3


def test_anonymous_people_are_sent_to_sign_in(drafted, client) -> None:
    page = client.get(reverse("transcripts:review", args=[drafted[0].meeting_id]))
    assert page.status_code == 302 and "sign-in" in page["Location"]


def test_edit_then_accept_creates_a_real_action_with_the_quote_as_source(
    world, drafted, signed_in
) -> None:
    draft = drafted[0]
    response = signed_in(world.clerk).post(
        reverse("transcripts:accept", args=[draft.pk]),
        {
            f"d{draft.pk}-wording": "Write to the Committee with the missing persons figures",
            f"d{draft.pk}-owning_agency": world.mopac.pk,
            f"d{draft.pk}-owner": world.chair.pk,
            f"d{draft.pk}-due_text": "By the next meeting",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.description == "Write to the Committee with the missing persons figures"
    assert (action.owning_agency, action.owner, action.meeting) == (
        world.mopac,
        world.chair,
        draft.meeting,
    )
    assert "missing persons figures" in action.source and "line 5" in action.source
    draft.refresh_from_db()
    assert (draft.state, draft.action, draft.decided_by) == (
        DraftAction.State.ACCEPTED,
        action,
        world.clerk,
    )
    # Accepting again (a second tab, a double click) creates nothing more.
    again = signed_in(world.clerk).post(
        reverse("transcripts:accept", args=[draft.pk]),
        {f"d{draft.pk}-wording": "Again", f"d{draft.pk}-owning_agency": world.mopac.pk},
    )
    assert again.status_code == 302 and Action.objects.count() == 1


def test_a_draft_without_an_agency_is_refused_until_one_is_chosen(
    world, drafted, signed_in
) -> None:
    unknown = drafted[2]
    response = signed_in(world.chair).post(
        reverse("transcripts:accept", args=[unknown.pk]),
        {f"d{unknown.pk}-wording": "Send the Board the survey", f"d{unknown.pk}-owning_agency": ""},
    )
    assert response.status_code == 400
    assert "Choose the agency that owns this action" in response.content.decode()
    assert "Send the Board the survey" in response.content.decode()  # what was typed is kept
    assert not Action.objects.exists()


def test_an_owner_outside_the_agency_is_refused_by_the_actions_rules(
    world, drafted, signed_in
) -> None:
    draft = drafted[1]
    response = signed_in(world.chair).post(
        reverse("transcripts:accept", args=[draft.pk]),
        {
            f"d{draft.pk}-wording": "Send a note on training",
            f"d{draft.pk}-owning_agency": world.mps.pk,
            f"d{draft.pk}-owner": world.outsider.pk,
        },
    )
    assert response.status_code == 400
    assert not Action.objects.exists()
    assert DraftAction.objects.get(pk=draft.pk).state == DraftAction.State.PENDING


def test_merge_and_reject(world, drafted, signed_in) -> None:
    client = signed_in(world.chair)
    first, second, third = drafted
    merged = client.post(
        reverse("transcripts:merge", args=[second.pk]), {f"m{second.pk}-into": first.pk}
    )
    assert merged.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.state, second.merged_into) == (DraftAction.State.MERGED, first)
    assert "Also said at line 9" in first.note
    assert client.post(reverse("transcripts:reject", args=[third.pk])).status_code == 302
    assert DraftAction.objects.get(pk=third.pk).state == DraftAction.State.REJECTED
    assert not Action.objects.exists()
    # A draft cannot be merged into itself nor into one set aside.
    refused = client.post(
        reverse("transcripts:merge", args=[first.pk]), {f"m{first.pk}-into": third.pk}
    )
    assert refused.status_code == 400


def test_upload_is_read_by_the_worker_with_progress(
    world, meeting, signed_in, django_capture_on_commit_callbacks
) -> None:
    client = signed_in(world.clerk)
    upload = SimpleUploadedFile("hearing.txt", TEXT.encode(), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("transcripts:upload", args=[meeting.pk]), {"upload": upload})
    assert response.status_code == 302
    transcript = Transcript.objects.get()
    assert (transcript.status, transcript.progress) == (Transcript.Status.DONE, 100)
    assert bytes(transcript.data) == b""  # the file is not kept once read
    assert transcript.drafts.count() == 3
    page = client.get(reverse("transcripts:review", args=[meeting.pk]))
    assert "hearing.txt" in page.content.decode()


def test_a_queued_transcript_shows_its_progress_and_reloads(world, meeting, signed_in) -> None:
    Transcript.objects.create(meeting=meeting, name="long.txt", data=b"x", progress=30,
                              status=Transcript.Status.READING)  # fmt: skip
    body = signed_in(world.clerk).get(reverse("transcripts:review", args=[meeting.pk])).content
    assert b'<progress id="progress-' in body and b'value="30"' in body
    assert b'http-equiv="refresh"' in body


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("hearing.pdf", b"%PDF-1.4", "Upload a .txt, .docx, .vtt or .srt file."),
        ("hearing.txt", b"", "The file is empty."),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_kept(
    world, meeting, signed_in, name, data, message
) -> None:
    upload = SimpleUploadedFile(name, data)
    response = signed_in(world.clerk).post(
        reverse("transcripts:upload", args=[meeting.pk]), {"upload": upload}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Transcript.objects.exists()


def test_a_damaged_word_file_is_recorded_as_failed(
    world, meeting, signed_in, django_capture_on_commit_callbacks
) -> None:
    upload = SimpleUploadedFile("hearing.docx", b"not a zip at all")
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(world.clerk).post(
            reverse("transcripts:upload", args=[meeting.pk]), {"upload": upload}
        )
    transcript = Transcript.objects.get()
    assert transcript.status == Transcript.Status.FAILED
    assert "Word file" in transcript.problem
    assert not DraftAction.objects.exists()


def test_the_meeting_page_links_to_the_review_for_officers_only(world, meeting, signed_in) -> None:
    link = reverse("transcripts:review", args=[meeting.pk]).encode()
    assert link in signed_in(world.clerk).get(meeting.get_absolute_url()).content
    assert link not in signed_in(world.member).get(meeting.get_absolute_url()).content


def test_a_long_quote_is_shortened_to_fit_the_actions_source(world, drafted, signed_in) -> None:
    draft = drafted[0]
    DraftAction.objects.filter(pk=draft.pk).update(quote="word " * 60, line=12345)
    response = signed_in(world.clerk).post(
        reverse("transcripts:accept", args=[draft.pk]),
        {
            f"d{draft.pk}-wording": "Write to the Committee",
            f"d{draft.pk}-owning_agency": world.mopac.pk,
        },
    )
    assert response.status_code == 302
    source = Action.objects.get().source
    assert len(source) <= 200 and source.endswith("…” (line 12345)")
