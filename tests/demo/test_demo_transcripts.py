"""The Justice Matters demo meeting's actions said in so many words come from its transcript:
drafted by transcripts, accepted by the demo chair, the quote kept as source; the other drafts
wait on the review page."""

from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from actions.models import Action
from agencies.models import User
from demo.data.actions import ACTIONS
from transcripts.models import DraftAction, Transcript

pytestmark = pytest.mark.django_db

LOADED_AT = datetime(2031, 3, 30, 9, 0, tzinfo=UTC)
SPOKEN = {row["reference"]: row["line"] for row in ACTIONS if row.get("line")}


@pytest.fixture
def demo():
    with time_machine.travel(LOADED_AT, tick=False):
        call_command("load_demo", password="x", stdout=StringIO())
        yield


def test_the_spoken_actions_are_accepted_drafts_with_their_quotes(demo):
    assert len(SPOKEN) >= 7
    chair = User.objects.get(email="sophie.linden@mopac.example")
    for reference, line in SPOKEN.items():
        action = Action.objects.get(reference=reference)
        draft = DraftAction.objects.get(action=action)
        assert (draft.state, draft.line, draft.decided_by) == (
            DraftAction.State.ACCEPTED,
            line,
            chair,
        )
        assert f"(line {line})" in action.source
        assert draft.quote[:60] in action.source


def test_the_other_drafts_wait_for_review_and_loading_again_adds_none(demo):
    transcript = Transcript.objects.get()
    pending = transcript.drafts.filter(state=DraftAction.State.PENDING)
    assert pending.exists()
    before = DraftAction.objects.count()
    with time_machine.travel(LOADED_AT, tick=False):
        call_command("load_demo", password="x", stdout=StringIO())
    assert DraftAction.objects.count() == before
    assert Transcript.objects.count() == 1


def test_the_demo_chair_reviews_them_and_a_partner_may_not(demo, client):
    meeting = Transcript.objects.get().meeting
    url = reverse("transcripts:review", args=[meeting.pk])
    chair = User.objects.get(email="sophie.linden@mopac.example")
    client.force_login(chair, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(url).status_code == 200
    partner = User.objects.get(email="lucy.botting@nhs-england.example")
    client.force_login(partner, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(url).status_code == 403
