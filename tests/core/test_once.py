"""A create submitted twice creates once (DESIGN section 7; issue #20): every create form carries
a one-time token; the same form posted again (a double click, a replayed tab) answers with the
first result, and two posts of it at the same moment create once, on PostgreSQL."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actions import services as action_services
from actions.models import Action, ActionUpdate
from attendance import services as attendance_services
from attendance.models import Declaration, Invitation
from attendance.services import invitations
from core.models import Submission
from core.once import ALREADY_SAVED
from meetings import exports as meeting_exports
from meetings import services as meeting_services
from meetings import views as meeting_views
from meetings.models import AgendaItem, AgendaVersion, CalendarFeed, Meeting, Paper, PublicQuestion
from minutes import services as minutes_services
from minutes.models import MinutesComment
from tests.agenda_fixtures import after_meeting, at
from tests.once import Gate, client_for, post_together, require_postgresql, token_on

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _action(world, meeting) -> Action:
    action, _ = action_services.action_create(
        by=world.clerk,
        committee=world.committee,
        meeting=meeting,
        agenda_item=meeting.items.get(title="Minutes of the last meeting"),
        description="Write to the Committee with the referral figures",
        owning_agency=world.mps,
    )
    return action


@dataclass
class Case:
    """One create form: who uses it, where it is shown and posted, what it posts and counts."""

    who: str
    page: str
    post: str
    data: Callable[[], dict]
    count: Callable[[], int]


def _case(name: str, world, meeting) -> Case:
    item = meeting.items.get(title="Any other business")
    day = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    if name in ("update", "assign"):
        action = _action(world, meeting)
        url = reverse(f"actions:{name}", args=[action.pk])
        data = {"note": "Rang the borough leads"} if name == "update" else {}
        if name == "assign":
            data = {"owner": world.member.pk}
        page = action.get_absolute_url()
        return Case("lead", page, url, lambda: data, ActionUpdate.objects.count)
    if name == "meeting":
        url = reverse("meetings:meeting_create", args=[world.committee.short_name])
        data = {"revision": 0, "title": "Autumn", "date": day, "start_time": "10:00"}
        data |= {"end_time": "12:00", "location": "City Hall"}
        return Case(
            "clerk",
            url,
            url,
            lambda: data,
            lambda: Meeting.objects.count() * 1000 + AgendaItem.objects.count(),
        )
    if name == "declaration":
        attendance_services.invitations_generate(meeting=meeting, by=world.clerk)
        url = reverse("attendance:declarations", args=[meeting.pk])
        data = {"person": world.lead.pk, "nature": "A trustee of Safer London"}
        return Case("clerk", url, url, lambda: data, Declaration.objects.count)
    if name in ("action", "action_from_item"):
        query = f"?meeting={meeting.pk}"
        if name == "action_from_item":
            query += f"&item={item.pk}"
        url = reverse("actions:create") + query
        data = {"description": "Send the figures", "owning_agency": world.mps.pk}
        data |= {"due_date": day, "due_text": "", "source": ""}
        return Case("clerk", url, url, lambda: data, Action.objects.count)
    if name == "paper":
        return Case(
            "chair",
            reverse("meetings:item_edit", args=[item.pk]),
            reverse("meetings:paper_add", args=[item.pk]),
            lambda: {"title": "Report", "upload": SimpleUploadedFile("report.pdf", PDF)},
            Paper.objects.count,
        )
    if name == "question":
        return Case(
            "chair",
            reverse("meetings:item_edit", args=[item.pk]),
            reverse("meetings:question_add", args=[item.pk]),
            lambda: {"question": "How many referrals?", "asked_by": "A resident"},
            PublicQuestion.objects.count,
        )
    if name == "calendar":
        url = reverse("meetings:calendar")
        return Case("member", url, url, lambda: {"action": "create"}, CalendarFeed.objects.count)
    if name == "publish":
        return Case(
            "chair",
            reverse("meetings:editor", args=[meeting.pk]),
            reverse("meetings:publish", args=[meeting.pk]),
            dict,
            AgendaVersion.objects.count,
        )
    if name == "invite":
        url = reverse("attendance:invite", args=[meeting.pk])
        data = {"pseudonym": "Witness A", "capacity": "guest", "agenda_item": ""}
        return Case("clerk", url, url, lambda: data, Invitation.objects.count)
    if name == "comment":
        _circulate(world, meeting)
        return Case(
            "lead",
            reverse("minutes:document", args=[meeting.pk]),
            reverse("minutes:comment", args=[meeting.pk]),
            lambda: {"item": "", "text": "Paragraph 2 should name the borough."},
            MinutesComment.objects.count,
        )
    raise AssertionError(name)


def _circulate(world, meeting) -> None:
    """Draft minutes of the fixture meeting, circulated for comment (the clock is after it)."""
    minutes_services.minute_save(
        item=meeting.items.get(title="Any other business"),
        by=world.clerk,
        narrative="There was no other business.",
        resolutions=[],
        expected_revision=None,
    )
    minutes_services.minutes_circulate(meeting=meeting, by=world.clerk)


@pytest.fixture
def clock(request):
    """The minutes are commented on after the meeting: the comment's tests run the day after."""
    name = request.node.callspec.params.get("name")
    if name != "comment":
        yield
        return
    with time_machine.travel(at(after_meeting(1), "09:00"), tick=True):
        yield


FORMS = [
    "update",
    "assign",
    "meeting",
    "declaration",
    "action",
    "action_from_item",
    "paper",
    "question",
    "calendar",
    "publish",
    "invite",
    "comment",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", FORMS)
def test_the_same_form_submitted_twice_creates_once(name, clock, world, meeting):
    case = _case(name, world, meeting)
    client = client_for(getattr(world, case.who))
    token = token_on(client, case.page)
    before = case.count()

    first = client.post(case.post, {**case.data(), "submit_token": token})
    assert first.status_code == 302, first.content.decode()[:2000]
    created = case.count()
    assert created > before

    again = client.post(case.post, {**case.data(), "submit_token": token}, follow=True)
    assert case.count() == created
    assert again.redirect_chain[0] == (first["Location"], 302)
    assert ALREADY_SAVED in again.content.decode()


@pytest.mark.django_db
def test_a_form_shown_again_is_a_new_submission(world, meeting):
    """Each rendering is a new submission: the next question from a fresh form is saved."""
    case = _case("question", world, meeting)
    client = client_for(world.chair)
    for _ in range(2):
        token = token_on(client, case.page)
        assert client.post(case.post, {**case.data(), "submit_token": token}).status_code == 302
    assert PublicQuestion.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_submit_claims_nothing_so_the_corrected_form_saves(world, meeting):
    url = reverse("meetings:meeting_create", args=[world.committee.short_name])
    client = client_for(world.clerk)
    token = token_on(client, url)
    day = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    data = {"revision": 0, "title": "Autumn", "date": day, "start_time": "12:00"}
    refused = client.post(url, {**data, "end_time": "10:00", "submit_token": token})
    assert refused.status_code == 400
    assert not Submission.objects.exists()
    assert client.post(url, {**data, "end_time": "13:00", "submit_token": token}).status_code == 302
    assert Meeting.objects.filter(title="Autumn").count() == 1


@pytest.mark.django_db
def test_a_token_is_one_persons_own(world, meeting):
    """Another person's submit with the same token is theirs, not a replay of the first."""
    case = _case("calendar", world, meeting)
    token = token_on(client_for(world.member), case.page)
    for person in (world.member, world.lead):
        client_for(person).post(case.post, {"action": "create", "submit_token": token})
    assert CalendarFeed.objects.filter(user__in=[world.member, world.lead]).count() == 2


@pytest.mark.django_db
def test_a_malformed_token_is_ignored_not_a_500(world, meeting):
    case = _case("question", world, meeting)
    client = client_for(world.chair)
    for token in ("not-a-uuid", "x" * 5000):
        response = client.post(case.post, {**case.data(), "submit_token": token})
        assert response.status_code == 302
    assert PublicQuestion.objects.count() == 2
    # A NUL in any posted value is refused before the view (core.middleware), nothing created.
    response = client.post(case.post, {**case.data(), "submit_token": "\x00"})
    assert response.status_code == 400
    assert PublicQuestion.objects.count() == 2


# --- at the same moment, on two connections --------------------------------------------------


# Where each create is held until both requests are there.
GATES = {
    "update": (action_services, "action_update"),
    "assign": (action_services, "action_assign"),
    "meeting": (meeting_views.services, "meeting_create"),
    "declaration": (attendance_services, "declaration_add"),
    "action": (action_services, "action_create"),
    "action_from_item": (action_services, "action_create"),
    "paper": (meeting_services, "paper_add"),
    "question": (meeting_services, "question_add"),
    "calendar": (meeting_exports, "calendar_feed_renew"),
    "publish": (meeting_views, "publish_agenda"),
    "invite": (attendance_services, "invitation_add"),
    "comment": (minutes_services, "minutes_comment_add"),
}


def test_every_guarded_create_is_raced():
    assert set(GATES) == set(FORMS)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", FORMS)
def test_two_tabs_posting_the_same_form_at_once_create_once(
    name, clock, world, meeting, monkeypatch
):
    require_postgresql()
    case = _case(name, world, meeting)
    person = getattr(world, case.who)
    token = token_on(client_for(person), case.page)
    # Hold both requests inside the create until both are there (or one is held elsewhere,
    # by the guard): without a guard they both create.
    owner, attribute = GATES[name]
    monkeypatch.setattr(owner, attribute, Gate(getattr(owner, attribute)))
    before = {model: model.objects.count() for model in (Meeting, AgendaItem, Action)}
    counted = case.count()

    data = lambda: {**case.data(), "submit_token": token}  # noqa: E731
    answers = post_together([(client_for(person), case.post, data) for _ in range(2)])

    assert answers == [302, 302]
    assert Submission.objects.filter(token=token).count() == 1
    if name == "meeting":
        created = Meeting.objects.get(title="Autumn")  # one meeting
        assert AgendaItem.objects.count() == before[AgendaItem] + created.items.count()
    else:
        assert case.count() == counted + 1


@pytest.mark.django_db(transaction=True)
def test_two_actions_recorded_at_once_get_different_references(world, meeting, monkeypatch):
    """Two different submissions at the same moment: both saved, each with its own number."""
    require_postgresql()
    monkeypatch.setattr(action_services, "_next_reference", Gate(action_services._next_reference))
    url = reverse("actions:create") + f"?meeting={meeting.pk}"
    data = lambda: {"description": "Send the figures", "owning_agency": world.mps.pk}  # noqa: E731
    answers = post_together([(client_for(world.clerk), url, data) for _ in range(2)])
    assert answers == [302, 302]
    references = sorted(Action.objects.values_list("reference", flat=True))
    assert len(set(references)) == 2


@pytest.mark.django_db(transaction=True)
def test_the_same_guest_invited_twice_at_once_is_a_message_not_a_500(world, meeting, monkeypatch):
    require_postgresql()
    monkeypatch.setattr(invitations, "require_officer", Gate(invitations.require_officer))
    url = reverse("attendance:invite", args=[meeting.pk])
    data = lambda: {"pseudonym": "Witness A", "capacity": "guest"}  # noqa: E731
    answers = post_together([(client_for(world.clerk), url, data) for _ in range(2)])
    assert sorted(a if isinstance(a, int) else repr(a) for a in answers) == [302, 400]
    assert Invitation.objects.filter(pseudonym="Witness A").count() == 1
