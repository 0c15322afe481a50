"""A comment on circulated minutes sent twice (a double click, a replayed tab) is recorded once."""

import pytest
from django.urls import reverse

from core.once import ALREADY_SAVED
from minutes.models import MinutesComment
from tests.once import client_for, token_on

pytestmark = pytest.mark.django_db


def test_the_same_comment_form_sent_twice_records_one_comment(world, meeting, circulated):
    client = client_for(world.member)
    token = token_on(client, reverse("minutes:document", args=[meeting.pk]))
    url = reverse("minutes:comment", args=[meeting.pk])
    data = {"text": "Item 2 should say the figures were provisional", "submit_token": token}

    first = client.post(url, data)
    assert first.status_code == 302
    again = client.post(url, data, follow=True)

    assert MinutesComment.objects.count() == 1
    assert again.redirect_chain[0] == (first["Location"], 302)
    assert ALREADY_SAVED in again.content.decode()
