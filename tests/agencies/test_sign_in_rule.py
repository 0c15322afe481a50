"""Who can sign in is decided once (agencies.models.can_sign_in_q) for people and for queries."""

from __future__ import annotations

import pytest

from agencies.models import Membership, User, can_sign_in_q
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_guests_and_inactive_people_cannot_sign_in_in_a_query_or_on_a_row(world):
    guest = User.objects.create_user("witness@partners.example", full_name="A witness")
    gone = UserFactory(is_active=False)
    able = set(User.objects.can_sign_in())
    assert world.lead in able and guest not in able and gone not in able
    assert {u for u in User.objects.all() if u.can_sign_in} == able
    leads = Membership.objects.filter(can_sign_in_q("user__"), role=Membership.Role.LEAD)
    assert [m.user for m in leads] == [world.lead]
