"""Questions from the public (#17): sent from the public page until the meeting's closing time
(honeypot and a per-address limit, no third-party service), pending in the clerk's queue until
accepted onto a public item, merged or declined with a reason; the asker is emailed an
acknowledgment and the outcome, once each."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from meetings import services
from meetings.models import PublicQuestion
from meetings.services.questions import PER_SENDER_PER_HOUR, questions_close_at
from meetings.tasks import send_question_email

pytestmark = pytest.mark.django_db

ASKED = {
    "name": "Pat Resident",
    "email": "pat@example.org",
    "organisation": "Acre Residents' Association",
    "question": "How many officers patrol the Acre estate at night?",
    "consent": "on",
}


def _ask(client, scene, **changes):
    return client.post(reverse("public:ask", args=[scene.meeting.pk]), {**ASKED, **changes})


def test_a_member_of_the_public_asks_and_is_acknowledged(
    client, scene, django_capture_on_commit_callbacks
):
    assert (
        reverse("public:ask", args=[scene.meeting.pk])
        in client.get(reverse("public:meeting", args=[scene.meeting.pk])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, scene)
    assert response.status_code == 302
    question = PublicQuestion.objects.get(email=ASKED["email"])
    assert question.status == PublicQuestion.Status.PENDING and question.item is None
    assert question.asked_by == "Pat Resident (Acre Residents' Association)"
    assert [m.to for m in mail.outbox] == [[ASKED["email"]]]
    assert "received your question" in mail.outbox[0].subject
    send_question_email(question.pk)  # a repeated task sends nothing more
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": ""}, "Agree to its publication"),
        ({"email": "not an email"}, "email"),
        ({"question": "x" * 1501}, "1,500 characters"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_input_is_refused_and_kept(client, scene, changes, message):
    response = _ask(client, scene, **changes)
    assert response.status_code == 400
    page = response.content.decode()
    assert message.lower() in page.lower()
    assert "Acre Residents" in page  # what was typed is kept
    assert not PublicQuestion.objects.filter(email=ASKED["email"]).exists()


def test_a_robot_filling_the_honeypot_is_thanked_and_nothing_is_kept(client, scene):
    response = _ask(client, scene, website="http://spam.example")
    assert response.status_code == 302
    assert not PublicQuestion.objects.filter(meeting=scene.meeting).exists()
    assert mail.outbox == []


def test_one_address_may_send_only_a_few_questions_an_hour(client, scene):
    for _ in range(PER_SENDER_PER_HOUR):
        assert _ask(client, scene).status_code == 302
    response = _ask(client, scene)
    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert PublicQuestion.objects.filter(meeting=scene.meeting).count() == PER_SENDER_PER_HOUR


def test_the_form_closes_three_working_days_before_the_meeting(client, scene):
    closes = questions_close_at(scene.meeting)
    with time_machine.travel(closes - timedelta(minutes=1), tick=False):
        assert _ask(client, scene).status_code == 302
    with time_machine.travel(closes + timedelta(minutes=1), tick=False):
        page = client.get(reverse("public:ask", args=[scene.meeting.pk]))
        assert "Questions for this meeting closed" in page.content.decode()
        assert _ask(client, scene).status_code == 400
    assert PublicQuestion.objects.filter(meeting=scene.meeting).count() == 1
    assert closes.weekday() < 5 and closes.hour == 17


def _pending(client, scene) -> PublicQuestion:
    _ask(client, scene)
    return PublicQuestion.objects.filter(email=ASKED["email"], status="pending").latest("id")


def _decide(clerk, question, **data):
    return clerk.post(reverse("meetings:question_decide", args=[question.pk]), data)


def test_the_clerk_accepts_it_onto_a_public_item_and_the_asker_is_told(
    client, scene, world, signed_in, django_capture_on_commit_callbacks
):
    question = _pending(client, scene)
    clerk = signed_in(world.clerk)
    queue = clerk.get(reverse("meetings:questions", args=[scene.meeting.pk])).content.decode()
    assert ASKED["question"] in queue
    # Not onto an exempt item: the asker would be told its title.
    assert _decide(clerk, question, decision="accept", item=scene.exempt_item.pk).status_code == 400
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(clerk, question, decision="accept", item=scene.public_item.pk)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "accepted" and question.item == scene.public_item
    # The acknowledgment (its task had not run) and the decision, each once.
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == ["We have received your question", "Your question: the clerk's decision"]
    assert {tuple(m.to) for m in mail.outbox} == {(ASKED["email"],)}
    assert "The police and crime plan" in mail.outbox[-1].body
    # Decided once: a second decision is refused.
    assert _decide(clerk, question, decision="decline", reason="No").status_code == 409


def test_merge_and_decline_tell_the_asker_too(
    client, scene, world, signed_in, django_capture_on_commit_callbacks
):
    clerk = signed_in(world.clerk)
    first = _pending(client, scene)
    services.question_accept(question=first, item=scene.public_item, by=world.clerk)
    second = _pending(client, scene)
    third = _pending(client, scene)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _decide(clerk, second, decision="merge", into=first.pk).status_code == 302
        assert _decide(clerk, third, decision="decline").status_code == 400  # no reason
        assert (
            _decide(clerk, third, decision="decline", reason="Asked last month").status_code == 302
        )
    bodies = [m.body for m in mail.outbox]
    assert any("joined with a similar one" in b for b in bodies)
    assert any("Asked last month" in b for b in bodies)


def test_only_the_meetings_officers_reach_the_queue(client, scene, world, signed_in):
    question = _pending(client, scene)
    for person in (world.member, world.lead, world.outsider):
        other = signed_in(person)
        assert other.get(reverse("meetings:questions", args=[scene.meeting.pk])).status_code in (
            403,
            404,
        )
        response = _decide(other, question, decision="decline", reason="x")
        assert response.status_code in (403, 404)
    question.refresh_from_db()
    assert question.status == "pending"
    from django.test import Client

    anonymous = Client().get(reverse("meetings:questions", args=[scene.meeting.pk]))
    assert anonymous.status_code == 302


def test_an_item_restricted_after_acceptance_is_not_named_to_the_asker(
    client, scene, world, django_capture_on_commit_callbacks
):
    first = _pending(client, scene)
    services.question_accept(question=first, item=scene.public_item, by=world.clerk)
    services.item_restrict(
        item=scene.public_item,
        expected_revision=None,
        restricted=True,
        agencies=[world.mopac],
        exempt_paragraph=1,
    )
    second = _pending(client, scene)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.question_merge(question=second, into=first, by=world.clerk)
    bodies = " ".join(m.body for m in mail.outbox)
    assert "joined with a similar one" in bodies
    assert "The police and crime plan" not in bodies


def test_an_email_whose_task_was_lost_goes_with_the_next_sweep_once(client, scene, monkeypatch):
    from meetings.tasks import send_pending_question_emails

    # The task queued at commit is lost (as with the broker down then).
    monkeypatch.setattr("django.db.transaction.on_commit", lambda *a, **k: None)
    question = _pending(client, scene)
    assert mail.outbox == []
    assert send_pending_question_emails() == 1
    assert send_pending_question_emails() == 0
    services.question_decline(question=question, reason="Asked last month", by=None)
    assert send_pending_question_emails() == 1
    assert send_pending_question_emails() == 0
    assert [m.subject for m in mail.outbox] == [
        "We have received your question",
        "Your question: the clerk's decision",
    ]


def test_the_queue_query_count_does_not_grow_with_questions(
    client, scene, world, signed_in, django_assert_max_num_queries
):
    clerk = signed_in(world.clerk)
    url = reverse("meetings:questions", args=[scene.meeting.pk])
    _pending(client, scene)
    clerk.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert clerk.get(url).status_code == 200
    for n in range(4):
        PublicQuestion.objects.create(
            meeting=scene.meeting, status="pending", question=f"Q{n}", asked_by="Pat"
        )
    with django_assert_max_num_queries(len(one)):
        page = clerk.get(url)
    assert page.content.decode().count("Save the decision") == 5


def test_a_form_sent_twice_keeps_one_question_and_thanks_both_times(
    client, scene, django_capture_on_commit_callbacks
):
    """A double click or a refresh-resubmit sends the same one-time token: one question, one
    acknowledgment, and the second send is thanked like the first (no error)."""
    page = client.get(reverse("public:ask", args=[scene.meeting.pk])).content.decode()
    token = re.search(r'name="submit_token" value="([0-9a-f-]{36})"', page)
    assert token, "the ask form carries a one-time token"
    with django_capture_on_commit_callbacks(execute=True):
        first = _ask(client, scene, submit_token=token[1])
        second = _ask(client, scene, submit_token=token[1])
    meeting_url = reverse("public:meeting", args=[scene.meeting.pk])
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == meeting_url
    assert PublicQuestion.objects.filter(meeting=scene.meeting).count() == 1
    assert len(mail.outbox) == 1
    thanked = client.get(meeting_url).content.decode()
    assert "Thank you: your question has been sent to the clerk" in thanked
    # A fresh form (a new token) is a new question.
    again = client.get(reverse("public:ask", args=[scene.meeting.pk])).content.decode()
    fresh = re.search(r'name="submit_token" value="([0-9a-f-]{36})"', again)
    assert fresh and fresh[1] != token[1]
    assert _ask(client, scene, submit_token=fresh[1]).status_code == 302
    assert PublicQuestion.objects.filter(meeting=scene.meeting).count() == 2


def test_a_resubmit_after_the_closing_time_is_still_thanked_not_refused(client, scene):
    closes = questions_close_at(scene.meeting)
    token = "0b0f6c1e-4c1a-4b8e-9a55-0d6f8f1d2a3b"
    with time_machine.travel(closes - timedelta(minutes=1), tick=False):
        assert _ask(client, scene, submit_token=token).status_code == 302
    with time_machine.travel(closes + timedelta(minutes=1), tick=False):
        assert _ask(client, scene, submit_token=token).status_code == 302
        assert _ask(client, scene).status_code == 400  # a new question is refused
    assert PublicQuestion.objects.filter(meeting=scene.meeting).count() == 1


def test_questions_sent_at_once_with_one_token_make_one_row(scene):
    """The unique index settles a race the first look misses: the loser gets the winner."""
    token = uuid.uuid4()
    fields = {
        "meeting": scene.meeting,
        "name": "Pat",
        "email": "pat@example.org",
        "organisation": "",
        "question": "Q?",
        "address": "192.0.2.1",
        "token": token,
    }
    first, created = services.question_submit(**fields)
    assert created
    # The winner is in the table but the loser's first look is made to miss it.
    real_filter = PublicQuestion.objects.filter

    def blind(*args, **kwargs):
        if "submit_token" in kwargs:
            return PublicQuestion.objects.none()
        return real_filter(*args, **kwargs)

    with mock.patch.object(PublicQuestion.objects, "filter", side_effect=blind):
        again, created = services.question_submit(**fields)
    assert not created and again.pk == first.pk
    assert PublicQuestion.objects.filter(submit_token=token).count() == 1


def test_the_ask_page_and_the_queue_state_their_limits_and_keep_what_was_typed(
    client, scene, world, signed_in
):
    ask = client.get(reverse("public:ask", args=[scene.meeting.pk])).content.decode()
    assert "Up to 1,500 characters." in ask and "Up to 200 characters." in ask
    # A token that is not one is ignored: the question is still taken, once.
    assert _ask(client, scene, submit_token="<not a token>" * 5).status_code == 302
    question = PublicQuestion.objects.get(meeting=scene.meeting)
    clerk = signed_in(world.clerk)
    queue = clerk.get(reverse("meetings:questions", args=[scene.meeting.pk])).content.decode()
    assert "Up to 500 characters." in queue
    typed = "We cannot take questions about individual cases & named people."
    response = _decide(clerk, question, decision="", reason=typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose what happens to the question" in page
    assert "We cannot take questions about individual cases &amp; named people." in page
    response = _decide(clerk, question, decision="accept", item="not a number", reason=typed)
    assert response.status_code == 400
    question.refresh_from_db()
    assert question.status == "pending"


def test_the_queue_repeats_no_id_across_its_forms(client, scene, world, signed_in):
    """Each question's form has its own ids, its radios and its button included (the axe run
    found them repeated); a label still names its radio."""
    for _ in range(2):
        _pending(client, scene)
    clerk = signed_in(world.clerk)
    page = clerk.get(reverse("meetings:questions", args=[scene.meeting.pk])).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    first = PublicQuestion.objects.filter(meeting=scene.meeting).order_by("id").first()
    assert f'id="q{first.pk}-decision_1"' in page and f'for="q{first.pk}-decision_1"' in page
    assert f'id="q{first.pk}-submit"' in page
