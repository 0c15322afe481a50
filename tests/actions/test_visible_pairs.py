"""The chasing sweep's set-based access check says what visible_actions says, for every person
and every action of a generated partnership: restricted items granted to agencies and to single
people, actions of draft meetings, co-owners, officers, an inactive person and a superuser."""

from __future__ import annotations

import pytest
from guardian.shortcuts import assign_perm

from actions.models import Action
from actions.recipients import who_may_see
from actions.visibility import visible_actions
from actions.visible_pairs import visible_pairs
from agencies.models import User
from bench.generate import generate
from meetings.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    """The bench's smallest partnership, with the cases it lacks added."""
    generate(scale=0)
    actions = list(Action.objects.order_by("pk"))
    # Actions of draft meetings: officers see them, others of the committee do not.
    for action in actions[:6]:
        draft = Meeting.objects.filter(
            committee_id=action.committee_id, status=Meeting.Status.DRAFT
        ).first()
        Action.objects.filter(pk=action.pk).update(meeting=draft)
    # A restricted item granted to one person of another agency, with an action on it.
    item = AgendaItem.objects.filter(restricted=True).order_by("pk").first()
    outsider = User.objects.order_by("-pk").first()
    assign_perm("meetings.view_agendaitem", outsider, item)
    Action.objects.filter(pk=actions[6].pk).update(
        agenda_item=item, meeting=item.meeting, committee=item.meeting.committee, restricted=True
    )
    people = list(User.objects.order_by("pk"))
    User.objects.filter(pk=people[10].pk).update(is_active=False)
    User.objects.filter(pk=people[11].pk).update(is_superuser=True)
    return User.objects.order_by("pk"), [a.pk for a in actions]


def test_it_allows_exactly_the_pairs_visible_actions_allows(partnership):
    people, action_ids = partnership
    wanted = {person.pk: set(action_ids) for person in people}
    expected = {
        (person.pk, pk)
        for person in people
        for pk in visible_actions(person).values_list("pk", flat=True)
    }
    allowed = visible_pairs(wanted)
    assert allowed == expected
    # The cases are all there: some pairs are refused, restricted ones allowed and refused.
    restricted = set(Action.objects.filter(restricted=True).values_list("pk", flat=True))
    assert {pk for _, pk in allowed} & restricted
    assert len(allowed) < len(people) * len(action_ids)
    assert any((p.pk, pk) not in allowed for p in people for pk in restricted)


def test_it_answers_only_for_the_pairs_asked(partnership):
    people, action_ids = partnership
    superuser = people.get(is_superuser=True)
    inactive = people.get(is_active=False)
    asked = {superuser.pk: set(action_ids[:3]), inactive.pk: set(action_ids), 0: {action_ids[0]}}
    assert who_may_see(asked) == {(superuser.pk, pk) for pk in action_ids[:3]}
    assert who_may_see({}) == set()
