"""Accepted questions from the public on the public meeting page (#17): under the item they
were accepted onto, with the words and the name (and organisation) the asker agreed to publish,
never their email; never under an exempt item, not even as a count, including an item
restricted after the question was accepted; pending, declined and merged questions and any sent
without consent never show. Everyone, signed in or not, reads the same agenda."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import PublicQuestion
from tests.agenda_fixtures import add

from .conftest import paper

pytestmark = pytest.mark.django_db
HEADING = "Questions from the public"
Status = PublicQuestion.Status


def _question(scene, text: str, **fields) -> PublicQuestion:
    values = {
        "meeting": scene.meeting,
        "status": Status.PENDING,
        "question": text,
        "asked_by": "Pat Resident (Acre Residents' Association)",
        "organisation": "Acre Residents' Association",
        "email": "pat@example.org",
        "consent": True,
        "submitted_at": timezone.now(),
        **fields,
    }
    return PublicQuestion.objects.create(**values)


def _agenda(client: Client, scene) -> str:
    """The page's agenda list: what differs between visitors (the header) is left out."""
    response = client.get(reverse("public:meeting", args=[scene.meeting.pk]))
    assert response.status_code == 200
    found = re.search(r'<ol class="govuk-list app-public-agenda" id="agenda">.*?</ol>',
                      response.content.decode(), re.S)  # fmt: skip
    assert found
    return found[0]


def test_an_accepted_question_shows_under_its_item_with_the_asker_but_not_their_email(scene, world):
    question = _question(scene, "How many officers patrol the Acre estate at night?")
    services.question_accept(question=question, item=scene.public_item, by=world.clerk)
    agenda = _agenda(Client(), scene)
    plan = agenda.index("The police and crime plan")
    shown = agenda.index("How many officers patrol the Acre estate at night?")
    assert plan < shown < agenda.index("Exempt item")  # under its own item
    assert "Pat Resident (Acre Residents&#x27; Association)" in agenda
    assert "pat@example.org" not in agenda
    assert agenda.count(HEADING) == 1


def test_nothing_of_a_question_under_an_exempt_item_not_even_a_count(scene, world):
    # The service refuses an exempt item; a question put there another way still never shows.
    _question(
        scene,
        "What did Ms X of the Acre estate tell the Kestrel review?",
        status=Status.ACCEPTED,
        item=scene.exempt_item,
        asked_by="Sam Informant",
    )
    agenda = _agenda(Client(), scene)
    assert "Kestrel" not in agenda and "Sam Informant" not in agenda
    assert HEADING not in agenda


def test_a_question_under_an_item_restricted_after_it_was_accepted_disappears(scene, world):
    question = _question(scene, "Who sets the plan's priorities?")
    services.question_accept(question=question, item=scene.public_item, by=world.clerk)
    assert "Who sets the plan" in _agenda(Client(), scene)
    services.item_restrict(
        item=scene.public_item,
        expected_revision=None,
        restricted=True,
        agencies=[world.mopac],
        exempt_paragraph=1,
    )
    agenda = _agenda(Client(), scene)
    assert "Who sets the plan" not in agenda and "Pat Resident" not in agenda
    assert HEADING not in agenda


def test_only_accepted_questions_with_consent_show(scene, world):
    accepted = _question(scene, "Accepted and agreed?")
    services.question_accept(question=accepted, item=scene.public_item, by=world.clerk)
    services.question_decline(
        question=_question(scene, "Declined one?"), reason="Off topic", by=world.clerk
    )
    services.question_merge(question=_question(scene, "Merged one?"), into=accepted, by=world.clerk)
    _question(scene, "Still pending?")
    _question(scene, "Pending on an item?", item=scene.public_item)
    _question(
        scene,
        "Recorded without consent?",
        status=Status.ACCEPTED,
        item=scene.public_item,
        consent=False,
        asked_by="Lee Private",
    )
    agenda = _agenda(Client(), scene)
    assert "Accepted and agreed?" in agenda
    for hidden in ("Declined one", "Merged one", "Still pending", "Pending on an item",
                   "Recorded without consent", "Lee Private", "Off topic"):  # fmt: skip
        assert hidden not in agenda, hidden


def test_anonymous_visitors_and_members_read_the_same_agenda(scene, world, signed_in):
    question = _question(scene, "How many officers patrol at night?")
    services.question_accept(question=question, item=scene.public_item, by=world.clerk)
    _question(
        scene,
        "What of the Kestrel review?",
        status=Status.ACCEPTED,
        item=scene.exempt_item,
    )
    anonymous = _agenda(Client(), scene)
    # Signed in, even the chair and the clerk (who may read the exempt item) read the public page.
    for person in (world.member, world.chair, world.clerk):
        assert _agenda(signed_in(person), scene) == anonymous, person
    assert "How many officers" in anonymous and "Kestrel" not in anonymous


def test_query_count_does_not_grow_with_questions(scene, world, django_assert_max_num_queries):
    client = Client()
    client.get(reverse("public:meeting", args=[scene.meeting.pk]))
    for n in range(6):
        item = add(scene.meeting, f"Item {n}", planned_minutes=5)
        paper(item, f"p{n}.pdf", f"Paper {n}", world.clerk)
        for k in range(2):
            asked = _question(scene, f"Question {n}.{k}?")
            services.question_accept(question=asked, item=item, by=world.clerk)
    services.agenda_publish(meeting=scene.meeting, by=world.clerk, invite_committee=False)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("public:meeting", args=[scene.meeting.pk]))
    assert page.status_code == 200 and "Question 5.1?" in page.content.decode()
