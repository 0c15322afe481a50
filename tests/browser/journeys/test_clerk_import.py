"""The clerk brings in the committee's old action log through pages only: downloads the
template, uploads a filled-in copy with one bad row, sees the row named, fixes it, confirms,
and finds the actions in the committee's register."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from actions.models import Action

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = "Write to the Committee with the number of officers trained"
SECOND = "Share the stop and search figures by borough"


def filled(template: str, agency: str) -> bytes:
    """The template's header with two rows of the old log; the second names `agency`."""
    header = next(csv.reader(io.StringIO(template)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    writer.writerow({"Ref": "OLD-1", "Action": FIRST, "Action by": "MPS", "Deadline": "Jan 2015",
                     "Status": "Open", "Meeting date": "09/10/2014"})  # fmt: skip
    writer.writerow({"Ref": "OLD-2", "Action": SECOND, "Action by": agency,
                     "Deadline": "end of March 2015", "Status": "In progress"})  # fmt: skip
    return out.getvalue().encode("utf-8-sig")


def upload(page, content: bytes) -> None:
    """Choose the file in the upload field."""
    chosen = {"name": "old-log.csv", "mimeType": "text/csv", "buffer": content}
    page.get_by_label("Action log").set_input_files(files=[chosen])


def test_clerk_imports_an_action_log(world, page, clicks):
    sign_in(page, world.clerk.email)
    clicks(page.get_by_role("link", name=world.committee.name).first, "home: the committee")
    clicks(page.get_by_role("link", name="Import an action log"), "import an action log")
    expect(page.locator("h1")).to_have_text("Import an action log")
    expect(page.locator("body")).to_contain_text("smaller than 2 MB")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the template (CSV)").click()
    template = download.value.path().read_text(encoding="utf-8")
    assert template.startswith("Ref,Action,Action by")

    upload(page, filled(template, "Metropolitan Polise Servise of Londn"))
    clicks(page.get_by_role("button", name="Preview the import"), "preview")
    errors = page.locator(".govuk-error-summary")
    expect(errors).to_contain_text("Row 3, column C (Action by): No agency is called")
    expect(page.locator("#row-2")).to_contain_text("Create")
    assert Action.objects.count() == 0

    # Fixed in the spreadsheet, uploaded again.
    clicks(page.get_by_role("link", name="Upload a corrected file"), "upload again")
    upload(page, filled(template, "Metropolitan Police Service"))
    clicks(page.get_by_role("button", name="Preview the import"), "preview")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(page.locator("#row-3")).to_contain_text("MPS")
    clicks(page.get_by_role("button", name="Import 2 actions"), "confirm")

    expect(page.locator("body")).to_contain_text("Imported old-log.csv: 2 actions created")
    expect(page.locator("h1")).to_contain_text(world.committee.name)
    expect(page.locator("body")).to_contain_text(FIRST)
    expect(page.locator("body")).to_contain_text(SECOND)
    assert Action.objects.filter(reference__endswith="-OLD-1").exists()
