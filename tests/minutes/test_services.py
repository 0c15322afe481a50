"""Minutes services: drafting, circulating, approval at a later meeting, the lock, amendments."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting
from minutes import services
from minutes.models import Minute, MinuteAmendment, Minutes, MinutesComment, Resolution
from tests.agenda_fixtures import MEETING_DAY, add, after_meeting, at, long_date

from .conftest import item

pytestmark = pytest.mark.django_db


def _snapshot(meeting: Meeting) -> list[tuple]:
    """Everything of a meeting's minutes, to show that a refused change changed nothing."""
    minutes = Minute.objects.filter(item__meeting=meeting).order_by("id")
    return [
        (m.id, m.narrative, m.revision, [(r.text, r.approves_id) for r in m.resolutions.all()])
        for m in minutes
    ] + list(Minutes.objects.filter(meeting=meeting).values_list("stage", "approved_at_meeting"))


def test_first_minute_starts_draft_minutes_and_moves_the_meeting_on(world, meeting):
    minute = services.minute_save(
        item=item(meeting, 1),
        by=world.clerk,
        narrative="Apologies were received.\n\n\n  \nThe Chair welcomed the guests.",
        resolutions=["(a) That the report be noted; and", "Resolved: That the letter be sent."],
        expected_revision=None,
    )
    assert minute.record.stage == Minutes.Stage.DRAFT
    assert minute.paragraphs == ["Apologies were received.", "The Chair welcomed the guests."]
    # The labels and "Resolved:" typed in front are the document's to add, not stored.
    assert [r.text for r in minute.resolutions.all()] == [
        "That the report be noted; and",
        "That the letter be sent.",
    ]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_DRAFTED
    assert minute.revision == 1


def test_a_member_or_lead_cannot_write_minutes(world, meeting):
    for person in (world.lead, world.member, world.partner_member, world.outsider):
        with pytest.raises(PermissionDenied):
            services.minute_save(
                item=item(meeting, 1),
                by=person,
                narrative="Not mine to write.",
                resolutions=[],
                expected_revision=None,
            )
    assert not Minute.objects.exists() and not Minutes.objects.exists()


def test_no_minutes_for_a_draft_or_cancelled_meeting(world, meeting):
    for status in (Meeting.Status.DRAFT, Meeting.Status.CANCELLED):
        Meeting.objects.filter(pk=meeting.pk).update(status=status)
        meeting.refresh_from_db()
        with pytest.raises(ValidationError):
            services.minute_save(
                item=item(meeting, 1),
                by=world.chair,
                narrative="x",
                resolutions=[],
                expected_revision=None,
            )
    assert not Minutes.objects.exists()


def test_a_stale_edit_is_refused_and_changes_nothing(world, meeting):
    first = services.minute_save(
        item=item(meeting, 1), by=world.chair, narrative="One.", resolutions=[], expected_revision=0
    )
    services.minute_save(
        item=item(meeting, 1), by=world.clerk, narrative="Two.", resolutions=[], expected_revision=1
    )
    before = _snapshot(meeting)
    with pytest.raises(services.StaleMinute):
        services.minute_save(
            item=item(meeting, 1),
            by=world.chair,
            narrative="Overwrites two.",
            resolutions=[],
            expected_revision=first.revision,
        )
    assert _snapshot(meeting) == before


def test_circulate_needs_a_minute_and_happens_once(world, meeting, drafted):
    with pytest.raises(PermissionDenied):
        services.minutes_circulate(meeting=meeting, by=world.lead)
    record = services.minutes_circulate(meeting=meeting, by=world.clerk)
    assert record.stage == Minutes.Stage.CIRCULATED and record.circulated_by == world.clerk
    with pytest.raises(ValidationError, match="already circulated"):
        services.minutes_circulate(meeting=meeting, by=world.clerk)


def test_circulating_nothing_is_refused(world, meeting):
    with pytest.raises(ValidationError, match="Write at least one minute"):
        services.minutes_circulate(meeting=meeting, by=world.chair)
    assert not Minutes.objects.exists()


def test_officers_still_edit_circulated_minutes(world, circulated, meeting):
    minute = services.minute_save(
        item=item(meeting, 4),
        by=world.clerk,
        narrative="Corrected after comments.",
        resolutions=[],
        expected_revision=None,
    )
    assert minute.narrative == "Corrected after comments."


def test_approval_at_a_later_meeting_records_the_resolution_and_locks(
    world, circulated, meeting, later_meeting
):
    resolution = services.minutes_approve(
        minutes=circulated, at_meeting=later_meeting, by=world.chair
    )
    circulated.refresh_from_db()
    assert circulated.stage == Minutes.Stage.APPROVED and circulated.is_locked
    assert circulated.approved_at_meeting == later_meeting
    assert circulated.approved_by == world.chair
    # The resolution sits under the later meeting's "Minutes" item, in the committee's words.
    assert resolution.minute.item == item(later_meeting, 2)
    assert resolution.approves == circulated
    assert resolution.text == (
        "That the minutes of the MOPAC Challenge meeting held on "
        f"{long_date(MEETING_DAY)} be signed by the Chair as a correct record."
    )
    # Stored in UTC: compare instants, not the London wall clock (BST is an hour off).
    assert datetime.fromisoformat(circulated.snapshot["ended_at"]) == at(MEETING_DAY, "13:00")
    meeting.refresh_from_db()
    later_meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_APPROVED
    assert later_meeting.status == Meeting.Status.MINUTES_DRAFTED
    assert Minutes.objects.get(meeting=later_meeting).stage == Minutes.Stage.DRAFT


def test_approving_twice_is_refused(world, approved, later_meeting, meeting):
    third = meeting_services.meeting_create(
        committee=world.committee,
        title="Third",
        starts_at=at(after_meeting(43), "10:00"),
        ends_at=at(after_meeting(43), "11:00"),
        use_template=False,
    )
    add(third, "Minutes", kind=AgendaItem.Kind.MINUTES)
    Meeting.objects.filter(pk=third.pk).update(status=Meeting.Status.PUBLISHED)
    third.refresh_from_db()
    before = _snapshot(meeting), _snapshot(later_meeting), _snapshot(third)
    for at_meeting in (later_meeting, third):
        with pytest.raises(
            ValidationError,
            match=f"already approved at the meeting of {long_date(after_meeting(12))}",
        ):
            services.minutes_approve(minutes=approved, at_meeting=at_meeting, by=world.chair)
    assert (_snapshot(meeting), _snapshot(later_meeting), _snapshot(third)) == before
    assert Resolution.objects.filter(approves__isnull=False).count() == 1


def test_approving_at_the_same_or_an_earlier_meeting_is_refused(world, circulated, meeting):
    earlier = meeting_services.meeting_create(
        committee=world.committee,
        title="Earlier",
        starts_at=at(after_meeting(-58), "10:00"),
        ends_at=at(after_meeting(-58), "11:00"),
        use_template=False,
    )
    add(earlier, "Minutes", kind=AgendaItem.Kind.MINUTES)
    Meeting.objects.filter(pk=earlier.pk).update(status=Meeting.Status.PUBLISHED)
    earlier.refresh_from_db()
    before = _snapshot(meeting), _snapshot(earlier)
    with pytest.raises(ValidationError, match="cannot be approved at the meeting they record"):
        services.minutes_approve(minutes=circulated, at_meeting=meeting, by=world.chair)
    with pytest.raises(ValidationError, match="is not later than"):
        services.minutes_approve(minutes=circulated, at_meeting=earlier, by=world.chair)
    assert (_snapshot(meeting), _snapshot(earlier)) == before
    assert not Minutes.objects.filter(meeting=earlier).exists()


def test_approval_needs_circulation_the_same_committee_and_a_minutes_item(
    world, drafted, later_meeting
):
    with pytest.raises(ValidationError, match="Circulate the minutes"):
        services.minutes_approve(minutes=drafted, at_meeting=later_meeting, by=world.chair)
    services.minutes_circulate(meeting=drafted.meeting, by=world.chair)
    other = meeting_services.meeting_create(
        committee=type(world.committee).objects.create(
            name="Other board", short_name="other", host=world.mopac
        ),
        title="Elsewhere",
        starts_at=at(after_meeting(22), "10:00"),
        ends_at=at(after_meeting(22), "11:00"),
        use_template=False,
    )
    other.committee.chairs.add(world.chair)
    Meeting.objects.filter(pk=other.pk).update(status=Meeting.Status.PUBLISHED)
    other.refresh_from_db()
    with pytest.raises(ValidationError, match="same committee"):
        services.minutes_approve(minutes=drafted, at_meeting=other, by=world.chair)
    item(later_meeting, 2).delete()
    with pytest.raises(ValidationError, match="no “Minutes” item"):
        services.minutes_approve(minutes=drafted, at_meeting=later_meeting, by=world.chair)
    drafted.refresh_from_db()
    assert drafted.stage == Minutes.Stage.CIRCULATED


def test_only_officers_approve(world, circulated, later_meeting):
    with pytest.raises(PermissionDenied):
        services.minutes_approve(minutes=circulated, at_meeting=later_meeting, by=world.lead)
    circulated.refresh_from_db()
    assert circulated.stage == Minutes.Stage.CIRCULATED


def test_locked_minutes_refuse_edits_and_circulation(world, approved, meeting):
    before = _snapshot(meeting)
    with pytest.raises(
        services.MinutesLocked, match=f"approved at the meeting of {long_date(after_meeting(12))}"
    ):
        services.minute_save(
            item=item(meeting, 4),
            by=world.chair,
            narrative="A silent edit.",
            resolutions=[],
            expected_revision=None,
        )
    with pytest.raises(services.MinutesLocked):
        services.minutes_circulate(meeting=meeting, by=world.chair)
    assert _snapshot(meeting) == before


def test_an_amendment_records_who_when_why_before_and_after(world, approved, meeting):
    aob = item(meeting, 4)
    revision = aob.minute.revision
    amendment = services.minute_amend(
        item=aob,
        by=world.clerk,
        reason="The Chair did take one item of urgent business.",
        narrative="The Chair took one urgent item.",
        resolutions=["That the urgent item be noted."],
        expected_revision=revision,
    )
    assert amendment.made_by == world.clerk and amendment.made_at is not None
    assert amendment.narrative_before == "There was no other business."
    assert amendment.narrative_after == "The Chair took one urgent item."
    assert amendment.resolutions_before == [] and amendment.resolutions_after == [
        "That the urgent item be noted."
    ]
    aob.minute.refresh_from_db()
    assert aob.minute.narrative == "The Chair took one urgent item."
    assert aob.minute.revision == revision + 1
    approved.refresh_from_db()
    assert approved.stage == Minutes.Stage.APPROVED


def test_amendment_refusals(world, drafted, meeting, later_meeting):
    aob = item(meeting, 4)
    with pytest.raises(ValidationError, match="not approved yet"):
        services.minute_amend(
            item=aob, by=world.chair, reason="x", narrative="y", resolutions=[], expected_revision=1
        )
    services.minutes_circulate(meeting=meeting, by=world.chair)
    services.minutes_approve(minutes=drafted, at_meeting=later_meeting, by=world.chair)
    with pytest.raises(ValidationError, match="reason"):
        services.minute_amend(
            item=aob,
            by=world.chair,
            reason="  ",
            narrative="y",
            resolutions=[],
            expected_revision=1,
        )
    with pytest.raises(ValidationError, match="unchanged"):
        services.minute_amend(
            item=aob,
            by=world.chair,
            reason="Nothing really",
            narrative="There was no other business.",
            resolutions=[],
            expected_revision=1,
        )
    with pytest.raises(services.StaleMinute):
        services.minute_amend(
            item=aob, by=world.chair, reason="x", narrative="y", resolutions=[], expected_revision=0
        )
    with pytest.raises(PermissionDenied):
        services.minute_amend(
            item=aob, by=world.lead, reason="x", narrative="y", resolutions=[], expected_revision=1
        )
    assert not MinuteAmendment.objects.exists()


def test_editing_the_later_minutes_item_keeps_the_approval(world, approved, later_meeting):
    minutes_item = item(later_meeting, 2)
    services.minute_save(
        item=minutes_item,
        by=world.clerk,
        narrative="The Committee considered the minutes.",
        resolutions=["That the matters arising be noted."],
        expected_revision=None,
    )
    texts = [(r.text, r.approves_id) for r in minutes_item.minute.resolutions.all()]
    assert texts[0][1] == approved.pk and texts[0][0].startswith("That the minutes of")
    assert texts[1] == ("That the matters arising be noted.", None)


def test_partners_comment_only_while_circulated(world, meeting, drafted):
    with pytest.raises(ValidationError, match="only while the minutes are circulated"):
        services.minutes_comment_add(
            meeting=meeting, item=None, author=world.partner_member, text="Too early"
        )
    services.minutes_circulate(meeting=meeting, by=world.chair)
    comment = services.minutes_comment_add(
        meeting=meeting, item=item(meeting, 4), author=world.partner_member, text=" Add the AOB. "
    )
    assert comment.text == "Add the AOB." and comment.record == drafted
    with pytest.raises(PermissionDenied):
        services.minutes_comment_add(meeting=meeting, item=None, author=world.outsider, text="Hi")
    with pytest.raises(ValidationError, match="Enter your comment"):
        services.minutes_comment_add(meeting=meeting, item=None, author=world.member, text=" ")
    assert MinutesComment.objects.count() == 1


def test_no_comment_on_a_restricted_item_one_may_not_see(world, circulated, secret_item):
    with pytest.raises(PermissionDenied):
        services.minutes_comment_add(
            meeting=secret_item.meeting, item=secret_item, author=world.member, text="Hmm"
        )
    assert services.minutes_comment_add(
        meeting=secret_item.meeting, item=secret_item, author=world.chair, text="Fine"
    )


def test_comments_close_once_approved(world, approved, meeting):
    with pytest.raises(ValidationError):
        services.minutes_comment_add(meeting=meeting, item=None, author=world.member, text="Late")


def test_approval_goes_under_the_top_level_minutes_item(world, circulated, later_meeting):
    add(
        later_meeting,
        "Minutes of the sub-group",
        kind=AgendaItem.Kind.MINUTES,
        parent=item(later_meeting, 1),
    )
    resolution = services.minutes_approve(
        minutes=circulated, at_meeting=later_meeting, by=world.chair
    )
    assert resolution.minute.item == item(later_meeting, 2)
