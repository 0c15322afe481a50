"""The search page in the benchmark: its floor view runs the same search over every row."""

from __future__ import annotations

import pytest

from agencies.models import User
from bench import run
from bench.generate import generate, personas
from bench.runner.loading import SEARCH_WORDS, pages

pytestmark = pytest.mark.django_db


@pytest.mark.urls("bench.urls")
def test_the_search_page_and_its_floor_find_the_same_topic(signed_in):
    generate(scale=0)
    found = personas()
    page = next(p for p in pages(found) if p.name == "search")
    member = signed_in(User.objects.get(pk=page.user))
    shown = member.get(page.path)
    assert shown.status_code == 200
    floor = member.get(page.floor).json()
    assert floor["counts"]["action"] > 0 and floor["rows"]
    # The member sees a subset of what the floor (no access rule) finds, a page at a time.
    assert 0 < run.count_rows("search", shown.content.decode()) <= len(floor["rows"])
    assert SEARCH_WORDS.replace("+", " ") in shown.content.decode()
