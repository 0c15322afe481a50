"""Attendance pages: who gets in and who does not, on every page; bad input; CSV; the meeting
page's quorum panel."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from attendance import services
from attendance.models import AttendanceChange, Declaration, Invitation, QuorumRule
from meetings.models import Meeting
from tests.agenda_fixtures import MEETING_DATE, MEETING_DAY, SECRET, at, month_of
from tests.factories import person_in

Status = Invitation.Status
pytestmark = pytest.mark.django_db
PARTNERS = ["chair", "clerk", "lead", "member", "manager", "partner_member"]


def url(name: str, *args) -> str:
    return reverse(f"attendance:{name}", args=args)


def _row_data(*rows: Invitation, **overrides) -> dict:
    """The record form's POST for some rows, as they stand, with overrides by field name."""
    data = {}
    for inv in rows:
        data[f"status_{inv.pk}"] = inv.status
        data[f"arrived_{inv.pk}"] = ""
        data[f"left_{inv.pk}"] = ""
        data[f"revision_{inv.pk}"] = inv.revision
    data.update(overrides)
    return data


# --- the attendance page ------------------------------------------------------------


@pytest.mark.parametrize("who", PARTNERS)
def test_partners_see_the_attendance_page(world, invited, meeting, signed_in, who):
    response = signed_in(getattr(world, who)).get(url("meeting", meeting.pk))
    assert response.status_code == 200
    assert world.lead.full_name in response.content.decode()


def test_outsiders_get_404_everywhere(world, invited, meeting, signed_in):
    client = signed_in(world.outsider)
    for name in ("meeting", "history", "declarations", "quorum", "invite"):
        assert client.get(url(name, meeting.pk)).status_code == 404, name
    posts = [
        url("meeting", meeting.pk),
        url("substitute_add", meeting.pk),
        url("apologies_send", meeting.pk),
        url("apologies_withdraw", meeting.pk),
        url("invite_committee", meeting.pk),
        url("invitation_remove", invited.lead.pk),
        url("substitute_remove", invited.lead.pk),
    ]
    for target in posts:
        assert client.post(target, _row_data(invited.lead)).status_code == 404, target
    invited.lead.refresh_from_db()
    assert invited.lead.status == Status.EXPECTED


def test_signed_out_visitors_are_sent_to_sign_in(invited, meeting, client):
    response = client.get(url("meeting", meeting.pk))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_partners_do_not_see_a_draft_meetings_attendance(world, invited, meeting, signed_in):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)
    assert signed_in(world.lead).get(url("meeting", meeting.pk)).status_code == 404
    assert signed_in(world.clerk).get(url("meeting", meeting.pk)).status_code == 200


def test_lead_sees_only_their_agencys_rows_as_editable(world, invited, meeting, signed_in):
    html = signed_in(world.lead).get(url("meeting", meeting.pk)).content.decode()
    assert f'name="status_{invited.lead.pk}"' in html
    assert f'name="status_{invited.member.pk}"' in html
    assert f'name="status_{invited.partner_member.pk}"' not in html
    assert f'name="status_{invited.chair.pk}"' not in html
    assert world.partner_member.full_name in html  # shown, read-only
    # The guest of the restricted item is not there at all, nor the item's title.
    assert f'id="invitation-{invited.secret_guest.pk}"' not in html and SECRET not in html
    assert "For 3 " not in html


@pytest.mark.parametrize("who", ["member", "manager", "partner_member"])
def test_non_recorders_see_a_read_only_page(world, invited, meeting, signed_in, who):
    html = signed_in(getattr(world, who)).get(url("meeting", meeting.pk)).content.decode()
    assert 'name="status_' not in html and "Save attendance" not in html


def test_officers_see_every_row_and_the_guest_item(world, invited, meeting, signed_in):
    html = signed_in(world.clerk).get(url("meeting", meeting.pk)).content.decode()
    for inv in (invited.lead, invited.partner_member, invited.chair, invited.secret_guest):
        assert f'name="status_{inv.pk}"' in html
    assert f"For 3 {SECRET}" in html


def test_lead_records_their_agency(world, invited, meeting, signed_in):
    data = _row_data(
        invited.lead,
        invited.member,
        **{
            f"status_{invited.member.pk}": "present",
            f"arrived_{invited.member.pk}": "10:25",
        },
    )
    response = signed_in(world.lead).post(url("meeting", meeting.pk), data)
    assert response.status_code == 302
    invited.member.refresh_from_db()
    assert invited.member.status == Status.PRESENT
    assert invited.member.arrived_at == at(MEETING_DAY, "10:25")
    assert invited.member.changes.first().changed_by == world.lead
    invited.lead.refresh_from_db()
    assert invited.lead.changes.count() == 1  # unchanged rows are not touched


def test_lead_posting_another_agencys_row_is_forbidden(world, invited, meeting, signed_in):
    data = _row_data(
        invited.lead,
        invited.member,
        **{f"status_{invited.partner_member.pk}": "absent"},
    )
    response = signed_in(world.lead).post(url("meeting", meeting.pk), data)
    assert response.status_code == 403
    invited.partner_member.refresh_from_db()
    assert invited.partner_member.status == Status.EXPECTED


@pytest.mark.parametrize("who", ["member", "partner_member", "manager"])
def test_partners_who_record_nothing_cannot_post(world, invited, meeting, signed_in, who):
    data = _row_data(invited.lead, **{f"status_{invited.lead.pk}": "absent"})
    response = signed_in(getattr(world, who)).post(url("meeting", meeting.pk), data)
    assert response.status_code == 403
    invited.lead.refresh_from_db()
    assert invited.lead.status == Status.EXPECTED


def test_bad_input_saves_nothing_and_keeps_what_was_typed(world, invited, meeting, signed_in):
    data = _row_data(
        invited.lead,
        invited.member,
        **{
            f"status_{invited.lead.pk}": "present",
            f"status_{invited.member.pk}": "present",
            f"arrived_{invited.member.pk}": "11:30",
            f"left_{invited.member.pk}": "11:00",
        },
    )
    response = signed_in(world.lead).post(url("meeting", meeting.pk), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and "They must have left after they arrived" in html
    assert 'value="11:30"' in html and 'value="11:00"' in html
    for inv in (invited.lead, invited.member):
        inv.refresh_from_db()
        assert inv.status == Status.EXPECTED  # the valid row was not half-saved either
    assert not AttendanceChange.objects.exclude(from_status="").exists()


@pytest.mark.parametrize(
    ("field", "value"), [("status", "asleep"), ("arrived", "25:99"), ("revision", "x")]
)
def test_malformed_fields_are_400(world, invited, meeting, signed_in, field, value):
    data = _row_data(invited.lead, invited.member, **{f"{field}_{invited.member.pk}": value})
    response = signed_in(world.lead).post(url("meeting", meeting.pk), data)
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()


def test_stale_row_is_refused_with_409(world, invited, meeting, signed_in):
    # A stale edit is a conflict, as for a stale agenda or minute (it answered 400 until core).
    data = _row_data(invited.member, invited.lead, **{f"status_{invited.member.pk}": "present"})
    services.attendance_record(invitation=invited.member, by=world.clerk, status="absent")
    response = signed_in(world.lead).post(url("meeting", meeting.pk), data)
    assert response.status_code == 409
    assert "Someone else changed" in response.content.decode()
    invited.member.refresh_from_db()
    assert invited.member.status == Status.ABSENT


# --- substitutes ------------------------------------------------------------


def test_lead_records_and_removes_a_substitute(world, invited, meeting, signed_in):
    stand_in = person_in(world.mps, full_name="James Cleverly")
    client = signed_in(world.lead)
    response = client.post(
        url("substitute_add", meeting.pk),
        {"sub-original": invited.member.pk, "sub-person": stand_in.pk, "sub-arrived": "10:40"},
    )
    assert response.status_code == 302
    sub = Invitation.objects.get(person=stand_in)
    assert sub.substitute_for == invited.member and sub.arrived_at == at(MEETING_DAY, "10:40")
    html = client.get(url("meeting", meeting.pk)).content.decode()
    assert "Substituting for" in html and "James Cleverly substituting" in html
    assert client.post(url("substitute_remove", sub.pk)).status_code == 302
    assert not Invitation.objects.filter(person=stand_in).exists()


def test_lead_records_an_invited_colleague_as_substitute(world, invited, meeting, signed_in):
    """The committee was invited (the colleague too): their own line becomes the substitute."""
    client = signed_in(world.lead)
    response = client.post(
        url("substitute_add", meeting.pk),
        {"sub-original": invited.lead.pk, "sub-person": world.member.pk},
    )
    assert response.status_code == 302
    line = Invitation.objects.get(meeting=meeting, person=world.member)
    assert line.pk == invited.member.pk and line.substitute_for == invited.lead
    html = client.get(url("meeting", meeting.pk)).content.decode()
    assert f"{world.member.full_name} substituting" in html
    assert client.post(url("substitute_remove", line.pk)).status_code == 302
    line.refresh_from_db()
    assert line.status == Status.EXPECTED and line.substitute_for is None


def test_substitute_for_another_agency_is_refused(world, invited, meeting, signed_in):
    stand_in = person_in(world.safer_london)
    response = signed_in(world.lead).post(
        url("substitute_add", meeting.pk),
        {"sub-original": invited.partner_member.pk, "sub-person": stand_in.pk},
    )
    assert response.status_code == 400
    assert not Invitation.objects.filter(person=stand_in).exists()
    response = signed_in(world.partner_member).post(
        url("substitute_add", meeting.pk),
        {"sub-original": invited.partner_member.pk, "sub-person": stand_in.pk},
    )
    assert response.status_code == 403


def test_substitute_for_someone_present_is_a_clear_400(world, invited, meeting, signed_in):
    services.attendance_record(invitation=invited.member, by=world.lead, status="present")
    stand_in = person_in(world.mps)
    response = signed_in(world.clerk).post(
        url("substitute_add", meeting.pk),
        {"sub-original": invited.member.pk, "sub-person": stand_in.pk},
    )
    assert response.status_code == 400
    assert not Invitation.objects.filter(person=stand_in).exists()


def test_substitute_for_someone_not_invited_is_refused(world, invited, meeting, signed_in):
    stand_in = person_in(world.mps)
    response = signed_in(world.clerk).post(
        url("substitute_add", meeting.pk), {"sub-original": 999999, "sub-person": stand_in.pk}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_only_recorders_remove_substitutes(world, invited, meeting, signed_in):
    sub = services.substitute_record(
        original=invited.member, by=world.lead, person=person_in(world.mps)
    )
    assert signed_in(world.partner_member).post(url("substitute_remove", sub.pk)).status_code == 403
    assert Invitation.objects.filter(pk=sub.pk).exists()


# --- apologies ahead ------------------------------------------------------------


def test_person_sends_and_withdraws_own_apologies(world, invited, meeting, signed_in):
    client = signed_in(world.partner_member)
    html = client.get(url("meeting", meeting.pk)).content.decode()
    assert "Send my apologies" in html
    response = client.post(url("apologies_send", meeting.pk), {"apologies-note": "On leave"})
    assert response.status_code == 302
    invited.partner_member.refresh_from_db()
    assert (invited.partner_member.status, invited.partner_member.note) == ("apologies", "On leave")
    assert "Withdraw my apologies" in client.get(url("meeting", meeting.pk)).content.decode()
    assert client.post(url("apologies_withdraw", meeting.pk)).status_code == 302
    invited.partner_member.refresh_from_db()
    assert invited.partner_member.status == Status.EXPECTED


def test_apologies_from_someone_not_invited_is_404(world, invited, meeting, signed_in):
    response = signed_in(world.manager).post(url("apologies_send", meeting.pk))
    assert response.status_code == 404


def test_apologies_after_the_start_are_refused(world, invited, meeting, signed_in):
    started = timezone.now() - timedelta(minutes=10)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=started, ends_at=started + timedelta(hours=1)
    )
    response = signed_in(world.partner_member).post(url("apologies_send", meeting.pk))
    assert response.status_code == 400
    assert "has started" in response.content.decode()
    invited.partner_member.refresh_from_db()
    assert invited.partner_member.status == Status.EXPECTED


def test_apologies_note_too_long_is_400(world, invited, meeting, signed_in):
    response = signed_in(world.partner_member).post(
        url("apologies_send", meeting.pk), {"apologies-note": "x" * 301}
    )
    assert response.status_code == 400
    invited.partner_member.refresh_from_db()
    assert invited.partner_member.status == Status.EXPECTED


# --- invitations ------------------------------------------------------------


def test_officer_invites_a_guest_for_an_item(world, invited, meeting, secret_item, signed_in):
    guest = person_in(world.cps, full_name="Sarah Maclaren")
    client = signed_in(world.clerk)
    assert client.get(url("invite", meeting.pk)).status_code == 200
    response = client.post(
        url("invite", meeting.pk),
        {
            "person": guest.pk,
            "agency": world.cps.pk,
            "capacity": "guest",
            "agenda_item": secret_item.pk,
        },
    )
    assert response.status_code == 302
    assert Invitation.objects.get(person=guest).agenda_item == secret_item


def test_invite_bad_input_is_400_and_kept(world, invited, meeting, signed_in):
    response = signed_in(world.clerk).post(
        url("invite", meeting.pk),
        {"person": world.outsider.pk, "capacity": "member", "note": "From the CPS"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the agency this member attends for" in html and "From the CPS" in html
    assert not Invitation.objects.filter(person=world.outsider).exists()


@pytest.mark.parametrize("who", ["lead", "member", "partner_member"])
def test_only_officers_invite(world, invited, meeting, signed_in, who):
    client = signed_in(getattr(world, who))
    assert client.get(url("invite", meeting.pk)).status_code == 403
    assert client.post(url("invite_committee", meeting.pk)).status_code == 403
    assert client.post(url("invitation_remove", invited.partner_member.pk)).status_code == 403
    assert Invitation.objects.filter(pk=invited.partner_member.pk).exists()


def test_officer_invites_the_committee_and_removes_someone(world, meeting, signed_in):
    client = signed_in(world.chair)
    assert client.post(url("invite_committee", meeting.pk)).status_code == 302
    assert Invitation.objects.filter(meeting=meeting).count() == 5
    inv = Invitation.objects.get(meeting=meeting, person=world.partner_member)
    assert client.post(url("invitation_remove", inv.pk)).status_code == 302
    assert not Invitation.objects.filter(pk=inv.pk).exists()


def test_restricted_guest_invitation_is_404_to_those_who_cannot_see_it(world, invited, signed_in):
    # A lead of the guest's own agency cannot reach it by id either.
    response = signed_in(world.lead).post(url("invitation_remove", invited.secret_guest.pk))
    assert response.status_code == 404


# --- history and declarations ------------------------------------------------------------


@pytest.mark.parametrize("who", PARTNERS)
def test_history_for_partners(world, invited, meeting, signed_in, who):
    services.attendance_record(invitation=invited.secret_guest, by=world.clerk, status="present")
    html = signed_in(getattr(world, who)).get(url("history", meeting.pk)).content.decode()
    assert world.lead.full_name in html
    assert ("Detective Witness" in html) == (who in ("chair", "clerk"))


def test_person_declares_their_own_interest(world, invited, meeting, signed_in):
    client = signed_in(world.member)
    assert client.get(url("declarations", meeting.pk)).status_code == 200
    response = client.post(
        url("declarations", meeting.pk), {"person": world.member.pk, "nature": "A trustee"}
    )
    assert response.status_code == 302
    assert Declaration.objects.get().recorded_by == world.member


def test_partner_cannot_declare_for_someone_else(world, invited, meeting, signed_in):
    response = signed_in(world.member).post(
        url("declarations", meeting.pk), {"person": world.lead.pk, "nature": "Gift"}
    )
    assert response.status_code == 400
    assert not Declaration.objects.exists()


def test_someone_not_invited_cannot_declare(world, invited, meeting, signed_in):
    response = signed_in(world.manager).post(
        url("declarations", meeting.pk), {"person": world.manager.pk, "nature": "Gift"}
    )
    assert response.status_code == 403


def test_declaration_bad_input_is_400(world, invited, meeting, signed_in):
    response = signed_in(world.clerk).post(
        url("declarations", meeting.pk), {"person": world.lead.pk, "nature": ""}
    )
    assert response.status_code == 400
    assert "Enter the interest being declared" in response.content.decode()


def test_declarations_on_restricted_items_are_hidden(
    world, invited, meeting, secret_item, signed_in
):
    services.declaration_add(
        meeting=meeting,
        by=world.clerk,
        person=world.chair,
        nature="Knows the survivor",
        agenda_item=secret_item,
    )
    assert (
        "Knows the survivor"
        not in signed_in(world.member).get(url("declarations", meeting.pk)).content.decode()
    )
    html = signed_in(world.clerk).get(url("declarations", meeting.pk)).content.decode()
    assert "Knows the survivor" in html and SECRET in html


def test_declaration_remove_permissions(world, invited, meeting, signed_in):
    d = services.declaration_add(meeting=meeting, by=world.clerk, person=world.lead, nature="Gift")
    assert signed_in(world.member).post(url("declaration_remove", d.pk)).status_code == 403
    assert signed_in(world.outsider).post(url("declaration_remove", d.pk)).status_code == 404
    assert signed_in(world.lead).post(url("declaration_remove", d.pk)).status_code == 302
    assert not Declaration.objects.exists()


# --- quorum ------------------------------------------------------------


def test_quorum_json_and_meeting_panel(world, invited, meeting, signed_in):
    services.quorum_rule_set(committee=world.committee, by=world.chair, min_members_present=1)
    client = signed_in(world.partner_member)
    assert client.get(url("quorum", meeting.pk)).json()["met"] is False
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Not quorate" in page and 'data-quorum-url="/attendance/' in page
    services.attendance_record(invitation=invited.lead, by=world.lead, status="present")
    assert client.get(url("quorum", meeting.pk)).json() == {
        "has_rule": True,
        "met": True,
        "members_present": 1,
        "min_members_present": 1,
        "members_short": 0,
        "required_agencies": [],
        "missing_agencies": [],
    }
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Quorate" in page and "Not quorate" not in page


def test_quorum_rule_page(world, signed_in):
    target = url("quorum_rule", world.committee.short_name)
    client = signed_in(world.clerk)
    assert client.get(target).status_code == 200
    response = client.post(
        target, {"min_members_present": "3", "required_agencies": [world.mps.pk]}
    )
    assert response.status_code == 302
    rule = QuorumRule.objects.get()
    assert rule.min_members_present == 3 and list(rule.required_agencies.all()) == [world.mps]


def test_quorum_rule_bad_input(world, signed_in):
    target = url("quorum_rule", world.committee.short_name)
    response = signed_in(world.clerk).post(
        target, {"min_members_present": "-2", "required_agencies": [world.cps.pk]}
    )
    assert response.status_code == 400
    assert not QuorumRule.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("lead", 403), ("member", 403), ("outsider", 404)])
def test_quorum_rule_others_out(world, signed_in, who, status):
    target = url("quorum_rule", world.committee.short_name)
    client = signed_in(getattr(world, who))
    assert client.get(target).status_code == status
    assert client.post(target, {"min_members_present": "1"}).status_code == status
    assert not QuorumRule.objects.exists()


# --- statistics ------------------------------------------------------------


FIRST, LAST = month_of(MEETING_DATE)
PERIOD = {"start": FIRST.isoformat(), "end": LAST.isoformat()}


def _recorded(world, invited):
    services.attendance_record(invitation=invited.lead, by=world.clerk, status="present")
    services.attendance_record(invitation=invited.partner_member, by=world.clerk, status="absent")
    services.attendance_record(invitation=invited.secret_guest, by=world.clerk, status="present")


@pytest.mark.parametrize("who", PARTNERS)
def test_statistics_page_for_partners(world, invited, signed_in, who):
    _recorded(world, invited)
    response = signed_in(getattr(world, who)).get(url("statistics"), PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Safer London" in html and "<svg" in html and 'id="by-agency"' in html
    assert ("Detective Witness" in html) == (who in ("chair", "clerk"))
    assert SECRET not in html


def test_statistics_for_outsiders_show_nothing_of_the_committee(world, invited, signed_in):
    _recorded(world, invited)
    html = signed_in(world.outsider).get(url("statistics"), PERIOD).content.decode()
    assert "Safer London" not in html and world.lead.full_name not in html
    assert "No attendance in this period" in html


def test_statistics_default_period(world, signed_in):
    assert signed_in(world.member).get(url("statistics")).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-12-01", "end": "2026-11-01"},
        {"start": "yesterday", "end": "2026-11-01"},
        {**PERIOD, "committee": "not-mine"},
    ],
)
def test_statistics_bad_input(world, signed_in, params):
    client = signed_in(world.member)
    response = client.get(url("statistics"), params)
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert client.get(url("statistics_csv"), params).status_code == 400


def test_statistics_committee_filter_of_a_committee_not_mine(world, invited, signed_in):
    _recorded(world, invited)
    response = signed_in(world.outsider).get(
        url("statistics"), {**PERIOD, "committee": world.committee.short_name}
    )
    assert response.status_code == 400


def test_statistics_csv(world, invited, signed_in):
    _recorded(world, invited)
    response = signed_in(world.member).get(url("statistics_csv"), PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Level", "Name", "Agency"]
    by_name = {(r[0], r[1]): r for r in rows[1:]}
    mps = by_name[("Agency", "Metropolitan Police Service")]
    assert mps[3:10] == ["2", "1", "0", "0", "0", "1", "1.00"]
    assert ("Person", "Detective Witness") not in by_name
    sl = by_name[("Agency", "Safer London")]
    assert sl[6] == "1" and sl[9] == "0.00"


def test_statistics_csv_officer_sees_restricted_guest(world, invited, signed_in):
    _recorded(world, invited)
    body = signed_in(world.clerk).get(url("statistics_csv"), PERIOD).content.decode()
    assert "Detective Witness" in body and SECRET not in body


def test_statistics_csv_outsider_gets_only_headers(world, invited, signed_in):
    _recorded(world, invited)
    body = signed_in(world.outsider).get(url("statistics_csv"), PERIOD).content.decode()
    assert len(body.strip().splitlines()) == 1


def test_csv_neutralises_formulas(world, meeting, signed_in):
    tricky = person_in(world.mps, full_name="=HYPERLINK(1)")
    services.invitation_add(
        meeting=meeting, by=world.clerk, person=tricky, agency=world.mps, capacity="member"
    )
    body = signed_in(world.clerk).get(url("statistics_csv"), PERIOD).content.decode()
    assert "'=HYPERLINK(1)" in body


@pytest.mark.parametrize(
    ("who", "link"),
    [
        ("clerk", "Record attendance"),
        ("lead", "Record attendance"),
        ("member", "Who is attending"),
        ("partner_member", "Who is attending"),
    ],
)
def test_meeting_page_panel_links(world, invited, meeting, signed_in, who, link):
    client = signed_in(getattr(world, who))
    html = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert link in html
    assert ("Set the quorum" in html) == (who == "clerk")
    stats = client.get(url("statistics"), {"committee": world.committee.short_name})
    assert stats.status_code == 200


def test_meeting_page_panel_shows_own_invitation(world, invited, meeting, signed_in):
    services.apologies_send(invitation=invited.partner_member, by=world.partner_member)
    html = (
        signed_in(world.partner_member)
        .get(reverse("meetings:meeting", args=[meeting.pk]))
        .content.decode()
    )
    assert "You are invited as member for Safer London" in html and "Apologies" in html
