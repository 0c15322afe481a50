"""The Summary of actions PDF runs its groups on: a group does not start a page of its own."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.actions.test_summary import story  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_groups_share_pages(world, story, signed_in):  # noqa: F811
    response = signed_in(world.chair).get(reverse("actions:summary_pdf", args=[story.current.pk]))
    assert response.status_code == 200
    pages = [page.extract_text() for page in PdfReader(BytesIO(response.content)).pages]
    headings = ["Meeting of", "Keeping London's Children Safe", "Additional correspondence"]
    groups = sum(page.count(heading) for page in pages for heading in headings)
    assert groups >= 4
    assert len(pages) < groups
    # The first page holds the title and the first groups, not the title alone.
    assert sum(pages[0].count(heading) for heading in headings) >= 2
