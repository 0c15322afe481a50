"""The API's lists (and their counts) for people without access are the same with and without
the restricted objects they may not see, as test_matrix proves for the pages."""

from __future__ import annotations

import pytest
from django.db import transaction

from .checks import clients, rolled_back, send
from .test_matrix import _normalised, _remove_what_hangs_off_restricted_items, every_request
from .world import SecurityWorld

pytestmark = pytest.mark.django_db


def test_api_lists_do_not_change_with_restricted_objects(sworld: SecurityWorld):
    w = sworld
    browsers = clients(w)
    gets = [
        (name, req)
        for name, req in every_request(w)
        if req.method == "get" and name.startswith("api:") and name.endswith("-list")
    ]
    outsiders = ["member", "lead", "manager", "staff", "outsider"]
    pages = {}
    for _, req in gets:
        for persona in outsiders:
            with rolled_back():
                pages[(req.path, persona)] = _normalised(send(browsers[persona], req))
    differences = []
    with transaction.atomic():
        _remove_what_hangs_off_restricted_items(w)
        for name, req in gets:
            for persona in outsiders:
                with rolled_back():
                    page = _normalised(send(browsers[persona], req))
                if page != pages[(req.path, persona)]:
                    differences.append(f"{persona} x {name} x {req}")
        transaction.set_rollback(True)
    assert len(pages) >= 40
    assert any('"count":' in page for page in pages.values())
    assert not differences, "\n".join(differences)
